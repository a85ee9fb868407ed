"""confluent-kafka (librdkafka) transactions against the sandbox: one committed and one aborted
transaction, then a read_committed and a read_uncommitted consumer. Prints one JSON object."""
import json
import sys

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

bootstrap, topic = sys.argv[1], sys.argv[2]
admin = AdminClient({"bootstrap.servers": bootstrap})
admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])[topic].result(15)

producer = Producer({"bootstrap.servers": bootstrap, "transactional.id": "py-tx", "linger.ms": 5})
producer.init_transactions(15)
producer.begin_transaction()
for i in range(3):
    producer.produce(topic, value=f"committed-{i}", partition=0)
producer.commit_transaction(15)
producer.begin_transaction()
producer.produce(topic, value="aborted", partition=0)
producer.flush(15)
producer.abort_transaction(15)


def read(isolation):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"py-{isolation}",
                         "isolation.level": isolation, "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, 0, 0)])
    values = []
    for _ in range(50):
        msg = consumer.poll(0.2)
        if msg is None:
            if values:
                break
            continue
        if msg.error():
            continue
        values.append(msg.value().decode())
    low, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), 5)
    consumer.close()
    return {"values": values, "high": high}


print(json.dumps({"read_committed": read("read_committed"), "read_uncommitted": read("read_uncommitted")}))
