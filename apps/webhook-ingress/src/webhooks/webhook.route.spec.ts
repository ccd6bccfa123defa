import { webhookKeyOf } from './webhook.route';

describe('webhookKeyOf', () => {
  it.each([
    ['/webhooks/front/whk_abc', 'whk_abc'],
    ['/webhooks/front/whk_abc?source=front', 'whk_abc'],
    ['/webhooks/front/whk%5Fabc', 'whk_abc'],
  ])('reads the key of %s', (url, key) => {
    expect(webhookKeyOf(url)).toBe(key);
  });

  it.each([
    ['/webhooks/front/'],
    ['/webhooks/front/whk_abc/extra'],
    ['/webhooks/front'],
    ['/webhooks/other/whk_abc'],
    ['/health/ready'],
    ['/webhooks/front/%E0%A4%A'],
    [undefined],
  ])('leaves %s to the rest of the server', (url) => {
    expect(webhookKeyOf(url)).toBeUndefined();
  });
});
