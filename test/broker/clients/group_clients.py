"""A consumer group member of kafka-python or confluent-kafka against the sandbox: subscribes to a
topic in a group, reads until the topic's records stop coming, and prints one JSON object with the
partitions it was assigned and the values it read.
Usage: group_clients.py kafka-python|confluent BOOTSTRAP TOPIC GROUP"""
import json
import sys
import time

client, bootstrap, topic, group = sys.argv[1:5]
out = {"assigned": [], "values": []}
deadline = time.time() + 60
quiet_after = 3.0  # seconds without a record once some were read


def kafka_python():
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, auto_offset_reset="earliest",
                             client_id="kafka-python-group", session_timeout_ms=10000, heartbeat_interval_ms=1000)
    last = time.time()
    while time.time() < deadline:
        batch = consumer.poll(timeout_ms=500)
        for records in batch.values():
            for r in records:
                out["values"].append(r.value.decode())
                last = time.time()
        if out["values"] and time.time() - last > quiet_after:
            break
    out["assigned"] = sorted(tp.partition for tp in consumer.assignment())
    consumer.close()


def confluent():
    from confluent_kafka import Consumer

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                         "client.id": "confluent-group", "session.timeout.ms": 10000})

    def on_assign(c, partitions):
        out["assigned"] = sorted(p.partition for p in partitions)

    consumer.subscribe([topic], on_assign=on_assign)
    last = time.time()
    while time.time() < deadline:
        msg = consumer.poll(0.5)
        if msg is not None and msg.error() is None:
            out["values"].append(msg.value().decode())
            last = time.time()
        if out["values"] and time.time() - last > quiet_after:
            break
    consumer.close()


{"kafka-python": kafka_python, "confluent": confluent}[client]()
print(json.dumps(out))
