import { IdFactory } from './ids';

describe('IdFactory', () => {
  it('numbers ids per prefix from 1', () => {
    const ids = new IdFactory();
    expect([ids.next('cnv'), ids.next('cnv'), ids.next('msg')]).toEqual(['cnv_1', 'cnv_2', 'msg_1']);
  });

  it('puts a salt into every id and message uid, so two runs never share one', () => {
    const [first, second] = [new IdFactory('k3x'), new IdFactory('p9a')];
    expect(first.next('evt')).toBe('evt_k3x1');
    expect(second.next('evt')).toBe('evt_p9a1');
    expect(first.nextMessageUid()).not.toBe(second.nextMessageUid());
  });
});
