"""kafka-python 2.0.2 against the sandbox: admin, producer, and a consumer with assign() and seek().
Prints one JSON object with what it saw; the Node test asserts on it."""
import json
import sys

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewPartitions, NewTopic

bootstrap, topic = sys.argv[1], sys.argv[2]
out = {}

admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="brook-test", request_timeout_ms=10000)
admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
out["topics"] = sorted(t for t in admin.list_topics() if t == topic)
admin.create_partitions({topic: NewPartitions(total_count=3)})
described = admin.describe_topics([topic])
out["partitions"] = len(described[0]["partitions"])

producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
futures = [
    producer.send(topic, key=f"k{i}".encode(), value=f"v{i}".encode(), partition=i % 3,
                  headers=[("n", str(i).encode())])
    for i in range(30)
]
producer.flush()
out["produced"] = [[f.get(timeout=10).partition, f.get(timeout=10).offset] for f in futures[:3]]
producer.close()

consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, consumer_timeout_ms=3000)
tp = TopicPartition(topic, 1)
consumer.assign([tp])
consumer.seek(tp, 4)
seen = []
for msg in consumer:
    seen.append([msg.offset, msg.key.decode(), msg.value.decode(), [[k, v.decode()] for k, v in msg.headers]])
    if len(seen) == 6:
        break
out["seek"] = seen
consumer.seek_to_beginning(tp)
out["first"] = next(consumer).offset
out["end"] = consumer.end_offsets([tp])[tp]
consumer.close()

admin.delete_topics([topic])
out["after_delete"] = topic in admin.list_topics()
admin.close()
print(json.dumps(out))
