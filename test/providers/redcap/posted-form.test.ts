/**
 * An urlencoded body is read as `URLSearchParams` reads it, then folded the way PHP fills `$_POST`.
 * Forms with nothing to decode are cut directly (src/providers/redcap/wire/params.ts): each form
 * here must give the same parameters both ways.
 */
import { describe, expect, it } from 'vitest'
import { ApiParams } from '../../../src/providers/redcap/wire/params.js'

const FORMS = [
  '',
  'token=ABC&content=record&format=json',
  'token=ABC&&content=record&',
  '&&&',
  'flag&content=',
  '=orphan&token',
  'data=a=b=c&x==',
  'records[]=1&records[]=2&records[x]=3&records=4',
  'fields[0]=a&fields=b&fields[1]=c',
  'token=A&token=B',
  'arr[=1&arr]=2&[x]=3&a[b]c=4',
  '?token=ABC&content=record',
  'a=%20b&c=d+e',
  'a=%zz&b=%e2%82%ac&c=%ff',
  'name=José&city=São Paulo&emoji=🙂',
  'a=1;b=2&c=?&d=#x',
]

/** Every parameter as the reader holds it. */
function view(params: ApiParams) {
  return { signature: params.signature(''), files: params.files.size }
}

describe('an urlencoded body', () => {
  it.each(FORMS)('reads %j as URLSearchParams does', (form) => {
    expect(view(ApiParams.fromForm(form))).toEqual(view(new ApiParams(new URLSearchParams(form))))
  })

  it('folds bracketed keys into one array and keeps the last plain value', () => {
    const params = ApiParams.fromForm('records[]=1&records[7]=2&token=A&token=B&records[x]=3')
    expect(params.list('records')).toEqual(['1', '2', '3'])
    expect(params.isArray('records')).toBe(true)
    expect(params.str('token')).toBe('B')
    expect(params.has('records[]')).toBe(false)
  })

  it('keeps a bare key as an empty value and drops empty pairs', () => {
    const params = ApiParams.fromForm('&flag&&content=&')
    expect(params.str('flag')).toBe('')
    expect(params.str('content')).toBe('')
    expect(params.signature('')).toBe('4:flag=0:7:content=0:')
  })

  it('signs different parameters differently, however their text lines up', () => {
    const forms = [
      'a=1&b=2',
      'a=1%26b%3D2',
      'a=1&b=2&c=',
      'a=1=b=2',
      'x[]=1&x[]=2',
      'x[]=1,2',
      'x=1,2',
      'x[]=1&y[]=2',
      'x=1:x&y=1',
      '1:x=1:y',
    ]
    const signatures = forms.map((form) => ApiParams.fromForm(form).signature(''))
    expect(new Set(signatures).size).toBe(forms.length)
    expect(ApiParams.fromForm('b=2&token=T&a=1').signature('token')).toBe(
      ApiParams.fromForm('b=2&a=1&token=U').signature('token'),
    )
  })
})
