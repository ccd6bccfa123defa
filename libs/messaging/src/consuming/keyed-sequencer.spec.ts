import { KeyedSequencer } from './keyed-sequencer';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSequencer', () => {
  it('runs work of one key in the order it came, even when earlier work is slower', async () => {
    const sequencer = new KeyedSequencer();
    const order: string[] = [];
    await Promise.all([
      sequencer.run('cnv_1', async () => {
        await pause(30);
        order.push('first');
      }),
      sequencer.run('cnv_1', async () => {
        order.push('second');
      }),
    ]);
    expect(order).toEqual(['first', 'second']);
  });

  it('lets different keys run side by side', async () => {
    const sequencer = new KeyedSequencer();
    const order: string[] = [];
    await Promise.all([
      sequencer.run('cnv_1', async () => {
        await pause(30);
        order.push('slow');
      }),
      sequencer.run('cnv_2', async () => {
        order.push('fast');
      }),
    ]);
    expect(order).toEqual(['fast', 'slow']);
  });

  it('goes on after a failure and forgets keys once idle', async () => {
    const sequencer = new KeyedSequencer();
    const failed = sequencer.run('cnv_1', async () => {
      throw new Error('boom');
    });
    const next = sequencer.run('cnv_1', async () => undefined);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBeUndefined();
    await pause(0);
    expect(sequencer.activeKeys).toBe(0);
  });
});
