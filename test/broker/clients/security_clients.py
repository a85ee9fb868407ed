# Python clients on secure listeners: `security_clients.py CLIENT BOOTSTRAP TOPIC PROTOCOL MECHANISM
# USER PASSWORD [CAFILE]`, CLIENT kafka-python or confluent. Produces three messages, reads them
# back, prints JSON {"produced": n, "consumed": [...]}; a login failure prints {"error": "..."}.
import json
import sys

client, bootstrap, topic, protocol, mechanism, user, password = sys.argv[1:8]
cafile = sys.argv[8] if len(sys.argv) > 8 else None
values = ['one', 'two', 'three']

if client == 'kafka-python':
    from kafka import KafkaProducer, KafkaConsumer, TopicPartition
    from kafka.errors import KafkaError

    common = dict(bootstrap_servers=bootstrap, security_protocol=protocol, sasl_mechanism=mechanism,
                  sasl_plain_username=user, sasl_plain_password=password, api_version_auto_timeout_ms=10000)
    if cafile:
        common['ssl_cafile'] = cafile
    try:
        producer = KafkaProducer(**common)
        for v in values:
            producer.send(topic, v.encode()).get(timeout=20)
        producer.close()
        consumer = KafkaConsumer(consumer_timeout_ms=5000, **common)
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        consumer.seek_to_beginning(tp)
        consumed = [m.value.decode() for m in consumer]
        consumer.close()
        print(json.dumps({'produced': len(values), 'consumed': consumed}))
    except KafkaError as e:
        print(json.dumps({'error': type(e).__name__ + ': ' + str(e)}))
elif client == 'confluent':
    from confluent_kafka import Producer, Consumer, TopicPartition, OFFSET_BEGINNING

    common = {'bootstrap.servers': bootstrap, 'security.protocol': protocol, 'sasl.mechanisms': mechanism,
              'sasl.username': user, 'sasl.password': password}
    if cafile:
        common['ssl.ca.location'] = cafile
    errors = []
    producer = Producer({**common, 'error_cb': lambda e: errors.append(str(e))})
    delivered = []
    for v in values:
        producer.produce(topic, v.encode(), partition=0, on_delivery=lambda err, msg: delivered.append(str(err) if err else msg.offset()))
    producer.flush(20)
    if errors or len(delivered) != len(values):
        print(json.dumps({'error': '; '.join(errors) or 'not delivered'}))
        sys.exit(0)
    consumer = Consumer({**common, 'group.id': 'security-test', 'enable.auto.commit': False})
    consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
    consumed = []
    while len(consumed) < len(values):
        m = consumer.poll(10)
        if m is None:
            break
        if m.error():
            continue
        consumed.append(m.value().decode())
    consumer.close()
    print(json.dumps({'produced': len(delivered), 'consumed': consumed}))
