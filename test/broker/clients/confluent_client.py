"""confluent-kafka (librdkafka) against the sandbox: an idempotent producer and a consumer with
assign(). Prints one JSON object with what it saw."""
import json
import sys

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

bootstrap, topic = sys.argv[1], sys.argv[2]
out = {"delivered": [], "errors": []}


def on_delivery(err, msg):
    if err:
        out["errors"].append(str(err))
    else:
        out["delivered"].append([msg.partition(), msg.offset()])


admin = AdminClient({"bootstrap.servers": bootstrap})
admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])[topic].result(15)

producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "linger.ms": 5,
                     "compression.type": "lz4"})
for i in range(100):
    producer.produce(topic, key=f"k{i}", value=f"value-{i}", partition=i % 2,
                     headers={"i": str(i)}, on_delivery=on_delivery)
producer.flush(15)

consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused-assign-only",
                     "enable.auto.commit": False, "enable.partition.eof": True})
consumer.assign([TopicPartition(topic, 1, 10)])
got = []
while True:
    msg = consumer.poll(10)
    if msg is None:
        break
    if msg.error():
        if msg.error().code() == -191:  # _PARTITION_EOF
            break
        out["errors"].append(str(msg.error()))
        break
    got.append([msg.offset(), msg.key().decode(), msg.value().decode(), dict((k, v.decode()) for k, v in msg.headers())])
out["consumed"] = got
consumer.close()
print(json.dumps(out))
