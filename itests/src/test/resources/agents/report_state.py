#!/usr/bin/python3
"""A Neutron agent's side of the message bus, with Debian's real oslo.messaging.

  report_state.py URL ping                      has_alive_neutron_server, as agents ask at start
  report_state.py URL report HOST dhcp|l3 [--start]
                                                one report_state call as Neutron's DHCP or L3 agent
                                                sends it (PluginReportStateAPI); prints the result
  report_state.py URL listen HOST dhcp|l3 SECONDS
                                                the agent's RPC server on its topic (dhcp_agent or
                                                l3_agent, server HOST, and the topic's fanout);
                                                prints "listening", then one JSON line per cast
  report_state.py URL garbage                   malformed messages onto the server's report topic

The control exchange comes from the environment (CONTROL_EXCHANGE, default neutron).
"""
import datetime
import json
import os
import sys
import time
import uuid

from oslo_config import cfg
import oslo_messaging

REPORTS = 'q-reports-plugin'
AGENTS = {
    'dhcp': {'binary': 'neutron-dhcp-agent', 'topic': 'dhcp_agent', 'agent_type': 'DHCP agent',
             'configurations': {'dhcp_driver': 'neutron.agent.linux.dhcp.Dnsmasq', 'dhcp_lease_duration': 86400,
                                'log_agent_heartbeats': False, 'networks': 0, 'notifies_port_ready': True}},
    'l3': {'binary': 'neutron-l3-agent', 'topic': 'l3_agent', 'agent_type': 'L3 agent',
           'configurations': {'agent_mode': 'legacy', 'routers': 0, 'log_agent_heartbeats': False}},
}
# neutron_lib.constants.ISO8601_TIME_FORMAT
ISO8601_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def transport(url):
    # the global configuration, as Neutron's agents use it (oslo registers some options there)
    cfg.CONF([], project='report_state')
    oslo_messaging.set_transport_defaults(os.environ.get('CONTROL_EXCHANGE', 'neutron'))
    return oslo_messaging.get_rpc_transport(cfg.CONF, url=url)


def context():
    # neutron_lib.context.Context.to_dict() of an admin context, trimmed to what the server reads
    return {'user_id': None, 'project_id': None, 'tenant_id': None, 'is_admin': True, 'roles': ['admin'],
            'request_id': 'req-' + str(uuid.uuid4())}


def reports_client(url):
    # neutron.agent.rpc.PluginReportStateAPI: topic q-reports-plugin, version 1.2, no namespace
    target = oslo_messaging.Target(topic=REPORTS, version='1.2')
    return oslo_messaging.get_rpc_client(transport(url), target).prepare(timeout=10)


def ping(url):
    print(json.dumps(reports_client(url).call(context(), 'has_alive_neutron_server')))


def report(url, host, kind, start):
    state = dict(AGENTS[kind], host=host, availability_zone='nova', start_flag=start,
                 resource_versions={'Network': '1.1', 'Port': '1.10'}, uuid=str(uuid.uuid4()))
    result = reports_client(url).call(context(), 'report_state', agent_state={'agent_state': state},
                                      time=datetime.datetime.utcnow().strftime(ISO8601_TIME_FORMAT))
    print(json.dumps(result))


class Endpoint(object):
    """Prints every cast, whatever its method, as {"method": ..., "kwargs": ...}."""
    target = oslo_messaging.Target(version='1.10')

    def __getattr__(self, method):
        if method.startswith('_'):
            raise AttributeError(method)

        def record(ctxt, **kwargs):
            print(json.dumps({'method': method, 'kwargs': kwargs}), flush=True)
        return record


def listen(url, host, kind, seconds):
    target = oslo_messaging.Target(topic=AGENTS[kind]['topic'], server=host)
    server = oslo_messaging.get_rpc_server(transport(url), target, [Endpoint()], executor='threading')
    server.start()
    print('listening', flush=True)
    time.sleep(float(seconds))
    server.stop()
    server.wait()


def garbage(url):
    import kombu
    with kombu.Connection(url.replace('rabbit://', 'amqp://', 1)) as conn:
        exchange = kombu.Exchange(os.environ.get('CONTROL_EXCHANGE', 'neutron'), type='topic', durable=False)
        producer = conn.Producer(exchange=exchange, routing_key=REPORTS)
        for body in ['not json', '[1, 2]', '{"oslo.version": "2.0", "oslo.message": "{oops"}',
                     '{"oslo.version": "9.0", "oslo.message": "{}"}',
                     json.dumps({'oslo.version': '2.0', 'oslo.message': json.dumps(
                         {'method': 'report_state', 'args': {'agent_state': 'nope'}})})]:
            producer.publish(body, content_type='application/json', content_encoding='utf-8')
    print('sent')


if __name__ == '__main__':
    url, mode, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    if mode == 'ping':
        ping(url)
    elif mode == 'report':
        report(url, args[0], args[1], '--start' in args)
    elif mode == 'listen':
        listen(url, args[0], args[1], args[2])
    elif mode == 'garbage':
        garbage(url)
    else:
        sys.exit(__doc__)
