import { describe, expect, it } from 'vitest';
import { headerObject } from '../../../src/protocols/http/session.js';

describe('headerObject', () => {
  it('keeps names as sent, repeated names as lists, and a __proto__ header as a plain key', () => {
    const o = headerObject([
      { name: 'Host', value: 'a' },
      { name: '__proto__', value: 'x' },
      { name: 'Set-Cookie', value: '1' },
      { name: 'Set-Cookie', value: '2' },
      { name: '__proto__', value: 'y' },
      { name: 'constructor', value: 'c' },
    ]);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['Host', '__proto__', 'Set-Cookie', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).toEqual(['x', 'y']);
    expect(o['Set-Cookie']).toEqual(['1', '2']);
    expect(o.constructor).toBe('c');
    expect(JSON.parse(JSON.stringify(o))).toEqual({
      Host: 'a',
      ['__proto__']: ['x', 'y'],
      'Set-Cookie': ['1', '2'],
      constructor: 'c',
    });
  });
});
