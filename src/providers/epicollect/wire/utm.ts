/**
 * Latitude/longitude to UTM on WGS 84, the formulas Epicollect5 uses for the `UTM_Northing`,
 * `UTM_Easting` and `UTM_Zone` of a location answer (northing and easting truncated to integers).
 *
 * @see epicollect5-server app/Libraries/Utilities/GPointConverter.php (convertLLtoTMClaude,
 *   UTMLetterDesignator)
 */

const A = 6378137 // WGS 84 equatorial radius
const E2 = 0.00669438 // WGS 84 eccentricity squared, as GPointConverter rounds it
const K0 = 0.9996

export interface Utm {
  readonly northing: number
  readonly easting: number
  readonly zone: string
}

const deg2rad = (deg: number) => (deg * Math.PI) / 180

function zoneNumber(lat: number, long: number): number {
  if (lat >= 56 && lat < 64 && long >= 3 && long < 12) return 32
  if (lat >= 72 && lat < 84) {
    if (long >= 0 && long < 9) return 31
    if (long >= 9 && long < 21) return 33
    if (long >= 21 && long < 33) return 35
    if (long >= 33 && long < 42) return 37
  }
  return Math.trunc((long + 180) / 6) + 1
}

function letter(lat: number): string {
  if (lat > 84 || lat < -80) return 'Z'
  if (lat >= 72) return 'X'
  const letters = 'CDEFGHJKLMNPQRSTUVW'
  return letters.charAt(Math.floor((lat + 80) / 8))
}

export function toUtm(lat: number, long: number): Utm {
  // PHP fmod keeps the dividend's sign, like JavaScript's %.
  const longTemp = ((long + 180) % 360) - 180
  const latRad = deg2rad(lat)
  const [sinLat, cosLat, tanLat] = [Math.sin(latRad), Math.cos(latRad), Math.tan(latRad)]
  const zone = zoneNumber(lat, longTemp)
  const longOriginRad = deg2rad((zone - 1) * 6 - 180 + 3)
  const eccPrime = E2 / (1 - E2)
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat)
  const t = tanLat * tanLat
  const c = eccPrime * cosLat * cosLat
  const a = cosLat * (deg2rad(longTemp) - longOriginRad)
  const a2 = a * a
  const m =
    A *
    ((1 - E2 / 4 - (3 * E2 * E2) / 64 - (5 * E2 * E2 * E2) / 256) * latRad -
      ((3 * E2) / 8 + (3 * E2 * E2) / 32 + (45 * E2 * E2 * E2) / 1024) * Math.sin(2 * latRad) +
      ((15 * E2 * E2) / 256 + (45 * E2 * E2 * E2) / 1024) * Math.sin(4 * latRad) -
      ((35 * E2 * E2 * E2) / 3072) * Math.sin(6 * latRad))
  const easting =
    K0 *
      n *
      (a +
        ((1 - t + c) * a2 * a) / 6 +
        ((5 - 18 * t + t * t + 72 * c - 58 * eccPrime) * a2 * a2 * a) / 120) +
    500000
  let northing =
    K0 *
    (m +
      n *
        tanLat *
        (a2 / 2 +
          ((5 - t + 9 * c + 4 * c * c) * a2 * a2) / 24 +
          ((61 - 58 * t + t * t + 600 * c - 330 * eccPrime) * a2 * a2 * a2) / 720))
  if (lat < 0) northing += 10000000
  return {
    northing: Math.trunc(northing),
    easting: Math.trunc(easting),
    zone: `${String(zone)}${letter(lat)}`,
  }
}
