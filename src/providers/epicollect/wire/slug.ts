/**
 * Laravel's `Str::slug($title, '-')`, which the project middleware applies to the URL's slug before
 * looking the project up: transliterate to ASCII, `_` and `@` handled, lower case, anything but
 * letters, digits, spaces and `-` dropped, runs of spaces and dashes joined into one `-`.
 *
 * @see https://github.com/laravel/framework/blob/12.x/src/Illuminate/Support/Str.php (slug)
 */

export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/_+/g, '-')
    .replace(/@/g, '-at-')
    .toLowerCase()
    .replace(/[^-a-z0-9\s]+/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
