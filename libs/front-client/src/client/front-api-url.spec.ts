import { DEFAULT_FRONT_API_URL, resolveFrontApiUrl } from './front-api-url';

describe('Front API base URL', () => {
  it('prefers the explicit URL, then FRONT_API_URL, then Front\'s', () => {
    expect(resolveFrontApiUrl('http://sandbox:3100/', { FRONT_API_URL: 'https://x.example' })).toBe('http://sandbox:3100');
    expect(resolveFrontApiUrl(undefined, { FRONT_API_URL: 'https://x.example' })).toBe('https://x.example');
    expect(resolveFrontApiUrl(undefined, {})).toBe(DEFAULT_FRONT_API_URL);
    expect(DEFAULT_FRONT_API_URL).toBe('https://api2.frontapp.com');
  });

  it('names a bad variable without printing its value', () => {
    expect(() => resolveFrontApiUrl(undefined, { FRONT_API_URL: 'not a url secret-ish' })).toThrow(/^FRONT_API_URL is not a valid URL$/);
    expect(() => resolveFrontApiUrl('ftp://files.example')).toThrow('baseUrl must be an http(s) URL');
  });
});
