// Sales territories inferred from where a lead is: the account's (else the lead's) time zone, else the
// account's region or country. lead_assign scores reps by it; the scope gives managers the unassigned
// leads of their territory by it. Pure functions, no store.

const EMEA_ASIA = new Set(['Asia/Dubai', 'Asia/Riyadh', 'Asia/Qatar', 'Asia/Jerusalem', 'Asia/Tel_Aviv', 'Asia/Istanbul']);
const NA_WEST = new Set([
  'America/Los_Angeles', 'America/Vancouver', 'America/Denver', 'America/Phoenix', 'America/Edmonton', 'America/Boise',
  'America/Anchorage', 'America/Tijuana', 'America/Whitehorse', 'America/Regina', 'Pacific/Honolulu',
]);
const NA_EAST = new Set([
  'America/New_York', 'America/Toronto', 'America/Chicago', 'America/Detroit', 'America/Montreal', 'America/Halifax',
  'America/Winnipeg', 'America/St_Johns', 'America/Indiana/Indianapolis', 'America/Kentucky/Louisville',
]);

/** Sales territory of an IANA time zone: NA-East, NA-West, EMEA, APAC, LATAM, or null. */
export function territoryOfZone(zone: string | null): string | null {
  if (!zone) return null;
  if (NA_WEST.has(zone)) return 'NA-West';
  if (NA_EAST.has(zone)) return 'NA-East';
  if (zone.startsWith('Europe/') || zone.startsWith('Africa/') || EMEA_ASIA.has(zone)) return 'EMEA';
  if (zone.startsWith('Asia/') || zone.startsWith('Australia/') || zone.startsWith('Pacific/')) return 'APAC';
  if (zone.startsWith('America/')) return 'LATAM';
  return null;
}

/** The broad region a territory or a region name belongs to: NA, EMEA, APAC, LATAM. */
export function regionFamily(name: string | null): string | null {
  if (!name) return null;
  const n = name.toLowerCase();
  if (n.startsWith('na-') || n.includes('north america') || n === 'na') return 'NA';
  if (n.includes('emea') || n.includes('europe')) return 'EMEA';
  if (n.includes('apac') || n.includes('asia') || n.includes('pacific')) return 'APAC';
  if (n.includes('latam') || n.includes('latin') || n.includes('south america')) return 'LATAM';
  return null;
}

export interface LeadPlace {
  territory: string | null;
  family: string | null;
  /** where it came from, in words */
  source: string;
}

/** What placeOf reads: the lead's and its account's time zone, and the account's region and country. */
export interface PlaceFacts {
  timeZone: string | null;
  accountTimeZone: string | null;
  region: string | null;
  country: string | null;
}

export function placeOf(lead: PlaceFacts): LeadPlace {
  const zone = lead.accountTimeZone ?? lead.timeZone;
  const territory = territoryOfZone(zone);
  if (territory) return { territory, family: regionFamily(territory), source: `${lead.accountTimeZone ? 'the account\'s' : 'the lead\'s'} time zone ${zone}` };
  const family = regionFamily(lead.region) ?? regionFamily(lead.country);
  return { territory: null, family, source: family ? `the account's region ${lead.region ?? lead.country}` : 'no known location' };
}

/** How well a territory text covers a place: 1 the same territory, 0.5 broader cover (same family, "Global", a text naming the region), 0 none. */
export function territoryCover(territory: string | null, place: LeadPlace): { value: number; detail: string } {
  const t = territory?.trim() ?? '';
  if (!t) return { value: 0, detail: 'rep has no territory' };
  if (!place.territory && !place.family) return { value: 0, detail: `lead location unknown (rep: ${t})` };
  if (place.territory && t.toLowerCase() === place.territory.toLowerCase()) return { value: 1, detail: `${t} matches ${place.source}` };
  const family = place.family;
  const covers = t.toLowerCase() === 'global' || (family !== null && (regionFamily(t) === family || t.toLowerCase().includes(family.toLowerCase()) || (family === 'NA' && t.toLowerCase().includes('north america'))));
  if (covers) return { value: 0.5, detail: `${t} covers ${place.territory ?? family} (${place.source}) broadly` };
  return { value: 0, detail: `${t} does not cover ${place.territory ?? family} (${place.source})` };
}

// territories finer than their region family: a team of NA-East does not claim a lead known to be in NA-West
const PART_OF_REGION = new Set(['na-east', 'na-west']);

/**
 * Whether a team or rep territory claims a place, for routing unassigned leads: "Global" claims all; a
 * territory claims places of the same territory; a whole-region territory (EMEA, "North America") claims
 * its region's places; a part of a region (NA-East) claims a place known only to its region as well.
 */
export function claimsPlace(territory: string | null, place: LeadPlace): boolean {
  const t = territory?.trim().toLowerCase() ?? '';
  if (!t) return false;
  if (t === 'global') return true;
  if (place.territory && t === place.territory.toLowerCase()) return true;
  const family = regionFamily(t);
  if (!family || family !== place.family) return false;
  return !PART_OF_REGION.has(t) || !place.territory;
}
