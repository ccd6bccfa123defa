import { Injectable } from '@nestjs/common';
import { BrokerConnection } from '../connection/broker-connection';

/** Something with its own broker connection, such as an AmqpTransport. */
export interface BrokerConnected {
  isConnected(): boolean;
}

/** Readiness: the publishing connection and every watched transport are connected. */
@Injectable()
export class BrokerHealth {
  private readonly watched: BrokerConnected[] = [];

  constructor(private readonly connection: BrokerConnection) {}

  watch(transport: BrokerConnected): void {
    this.watched.push(transport);
  }

  isBrokerConnected(): boolean {
    return this.connection.isConnected() && this.watched.every((transport) => transport.isConnected());
  }
}

/** The /health/ready probe of the broker: the publishing connection and every attached transport. */
export const brokerReadiness = { name: 'broker', inject: BrokerHealth, isUp: (broker: BrokerHealth) => broker.isBrokerConnected() };
