// The benchmark's peer: the reference graphql-js implementation (graphql + graphql-http on node's
// http server) serving the SAME schema.graphql over the SAME data, exported by
// `dtgraph export --format json`. Plain idiomatic resolvers over in-memory indexes built at start-up
// (entities by key, relations by endpoint); no response cache, no batching library.
//
//   node server.js --schema ../../schema.graphql --data graph.json --port 5091
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { buildSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const schemaPath = arg('schema', '../../schema.graphql');
const dataPath = arg('data', 'graph.json');
const port = Number(arg('port', '5091'));

// ---------------------------------------------------------------------------------------------
// Data and indexes
// ---------------------------------------------------------------------------------------------
const started = process.hrtime.bigint();
const data = JSON.parse(readFileSync(dataPath, 'utf8'));

const KINDS = [
  ['agreement', 'Agreement', 'AGREEMENT'], ['policy', 'Policy', 'POLICY'], ['organization', 'Organization', 'ORGANIZATION'],
  ['economy', 'Economy', 'ECONOMY'], ['province', 'Province', 'PROVINCE'], ['city', 'City', 'CITY'], ['zone', 'Zone', 'ZONE'],
  ['base', 'ServiceExportBase', 'SERVICE_EXPORT_BASE'], ['case', 'Case', 'CASE'], ['indicator', 'Indicator', 'INDICATOR'],
];
const TYPE_NAME = Object.fromEntries(KINDS.map(([k, t]) => [k, t]));
const KIND_ENUM = Object.fromEntries(KINDS.map(([k, , e]) => [k, e]));
const KIND_OF_ENUM = Object.fromEntries(KINDS.map(([k, , e]) => [e, k]));
const KIND_OF_TYPE = Object.fromEntries(KINDS.map(([k, t]) => [t, k]));
const RELATION_TYPES = ['PARTY_TO', 'APPLIED_TO', 'MEMBER_OF', 'ISSUED_BY', 'APPLIES_TO', 'IMPLEMENTS', 'AMENDS',
  'LOCATED_IN', 'PART_OF', 'INVOLVES', 'USES', 'DATA_FROM', 'MENTIONS'];
const TYPE_INDEX = Object.fromEntries(RELATION_TYPES.map((t, i) => [t, i]));
const DIR_INDEX = { OUTGOING: 0, INCOMING: 1 };

const entities = [...data.entities].sort((a, b) => cmp(a.key, b.key));
const byKey = new Map(entities.map((e) => [e.key, e]));
const byKind = new Map(KINDS.map(([k]) => [k, []]));
for (const e of entities) byKind.get(e.kind).push(e);

// Edges at each entity, outgoing and incoming, ordered by (type, direction, other key) as our host orders them.
const edgesOf = new Map();
const pushEdge = (key, edge) => { let list = edgesOf.get(key); if (!list) edgesOf.set(key, list = []); list.push(edge); };
for (const rel of data.relations) {
  pushEdge(rel.from, { rel, direction: 'OUTGOING', other: rel.to });
  pushEdge(rel.to, { rel, direction: 'INCOMING', other: rel.from });
}
const edgeOrder = (a, b) => (TYPE_INDEX[a.rel.type] - TYPE_INDEX[b.rel.type])
  || (DIR_INDEX[a.direction] - DIR_INDEX[b.direction]) || cmp(a.other, b.other);
for (const list of edgesOf.values()) list.sort(edgeOrder);
const EMPTY = [];
const edges = (key) => edgesOf.get(key) ?? EMPTY;

// Neighbours for graph walks: distinct other keys in edge order, per key, built lazily.
const neighbourCache = new Map();
function neighbours(key) {
  let list = neighbourCache.get(key);
  if (!list) {
    const seen = new Set();
    list = [];
    for (const e of edges(key)) if (!seen.has(e.other)) { seen.add(e.other); list.push(e.other); }
    neighbourCache.set(key, list);
  }
  return list;
}

// Search text per entity, lower-cased once.
const searchFields = new Map(entities.map((e) => [e.key, [
  ['name', `${e.name.zh} ${e.name.en}`, 3],
  ['aliases', e.aliases.join(' '), 3],
  ['summary', e.summary ? `${e.summary.zh} ${e.summary.en}` : '', 1],
  ['narrative', e.narrative.text, 1],
].map(([field, text, boost]) => ({ field, text, lower: text.toLowerCase(), boost }))]));

function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s) => Buffer.from(s, 'base64').toString('utf8');
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');

// ---------------------------------------------------------------------------------------------
// Helpers shared by resolvers
// ---------------------------------------------------------------------------------------------
function gqlError(code, message) { const e = new Error(message); e.extensions = { code }; return e; }

function pageSize(first, fallback = 20) {
  const size = first ?? fallback;
  if (size < 0 || size > 100) throw gqlError('INVALID_PAGE_SIZE', `'first' must be between 0 and 100, got ${size}.`);
  return size;
}

function partialDate(text) {
  if (!text) return null;
  const [y, m, d] = text.split('-').map(Number);
  return { text, year: y, month: m ?? null, day: d ?? null, precision: d ? 'DAY' : m ? 'MONTH' : 'YEAR' };
}

const dateOf = (e, name) => partialDate(e.dates.find((d) => d.name === name)?.date);

function matchEdge(edge, types, direction, kinds) {
  if (direction && direction !== 'BOTH' && edge.direction !== direction) return false;
  if (types && types.length && !types.includes(edge.rel.type)) return false;
  if (kinds && kinds.length && !kinds.includes(KIND_ENUM[byKey.get(edge.other).kind])) return false;
  return true;
}

function relationConnection(entity, { types, direction = 'BOTH', kinds, first, after }) {
  const size = pageSize(first);
  const matching = edges(entity.key).filter((e) => matchEdge(e, types, direction, kinds));
  const position = (e) => `${TYPE_INDEX[e.rel.type]}:${DIR_INDEX[e.direction]}:${e.other}`;
  let start = 0;
  if (after) {
    const text = unb64(after);
    if (!text.startsWith('relation:')) throw gqlError('INVALID_CURSOR', `'${after}' is not a cursor of this connection.`);
    const [t, d, ...rest] = text.slice('relation:'.length).split(':');
    const ref = { rel: { type: RELATION_TYPES[Number(t)] }, direction: Number(d) === 0 ? 'OUTGOING' : 'INCOMING', other: rest.join(':') };
    start = matching.findIndex((e) => edgeOrder(e, ref) > 0);
    if (start < 0) start = matching.length;
  }
  const items = matching.slice(start, start + size).map((edge) => ({ edge, cursor: b64(`relation:${position(edge)}`) }));
  return connection(items, matching.length, start);
}

function connection(items, totalCount, start) {
  return {
    edges: items,
    nodes: items.map((i) => i.node ?? byKey.get(i.edge.other)),
    totalCount,
    pageInfo: {
      hasNextPage: start + items.length < totalCount,
      hasPreviousPage: start > 0,
      startCursor: items[0]?.cursor ?? null,
      endCursor: items.at(-1)?.cursor ?? null,
    },
  };
}

// Typed link fields: (relation type, direction, kinds of the other end) exactly as schema.graphql describes them.
const LINKS = {
  Agreement: { parties: ['PARTY_TO', 'INCOMING'], applicants: ['APPLIED_TO', 'INCOMING'], implementedBy: ['IMPLEMENTS', 'INCOMING'],
    amends: ['AMENDS', 'OUTGOING', ['agreement']], amendedBy: ['AMENDS', 'INCOMING', ['agreement']] },
  Policy: { issuers: ['ISSUED_BY', 'OUTGOING'], appliesTo: ['APPLIES_TO', 'OUTGOING'], implements: ['IMPLEMENTS', 'OUTGOING'],
    implementedBy: ['IMPLEMENTS', 'INCOMING'], usedBy: ['USES', 'INCOMING'] },
  Organization: { issued: ['ISSUED_BY', 'INCOMING'], members: ['MEMBER_OF', 'INCOMING'], agreements: ['PARTY_TO', 'OUTGOING'] },
  Economy: { agreements: ['PARTY_TO', 'OUTGOING'], applications: ['APPLIED_TO', 'OUTGOING'], memberships: ['MEMBER_OF', 'OUTGOING'] },
  Province: { serviceExportBases: ['LOCATED_IN', 'INCOMING', ['base']], cities: ['LOCATED_IN', 'INCOMING', ['city']],
    zones: ['LOCATED_IN', 'INCOMING', ['zone']], cases: ['LOCATED_IN', 'INCOMING', ['case']], policies: ['APPLIES_TO', 'INCOMING', ['policy']] },
  City: { province: ['LOCATED_IN', 'OUTGOING', ['province'], true], serviceExportBases: ['LOCATED_IN', 'INCOMING', ['base']],
    zones: ['LOCATED_IN', 'INCOMING', ['zone']], cases: ['LOCATED_IN', 'INCOMING', ['case']], policies: ['APPLIES_TO', 'INCOMING', ['policy']] },
  Zone: { province: ['LOCATED_IN', 'OUTGOING', ['province'], true], city: ['LOCATED_IN', 'OUTGOING', ['city'], true],
    parent: ['PART_OF', 'OUTGOING', ['zone'], true], areas: ['PART_OF', 'INCOMING', ['zone']],
    policies: ['APPLIES_TO', 'INCOMING', ['policy']], cases: ['INVOLVES', 'INCOMING', ['case']] },
  ServiceExportBase: { province: ['LOCATED_IN', 'OUTGOING', ['province'], true], city: ['LOCATED_IN', 'OUTGOING', ['city'], true],
    cases: ['INVOLVES', 'INCOMING', ['case']], policies: ['APPLIES_TO', 'INCOMING', ['policy']] },
  Case: { province: ['LOCATED_IN', 'OUTGOING', ['province'], true], city: ['LOCATED_IN', 'OUTGOING', ['city'], true],
    bases: ['INVOLVES', 'OUTGOING', ['base']], zones: ['INVOLVES', 'OUTGOING', ['zone']], policies: ['USES', 'OUTGOING'],
    implements: ['IMPLEMENTS', 'OUTGOING'], partners: ['INVOLVES', 'OUTGOING', ['organization', 'economy']] },
};
const LINK_LIMIT = 500; // as our host: typed link lists are bounded; `relations` pages through more

// A province's link lists hold what the `province` entity filter finds: places located in it (directly or through
// cities, zones and their areas, three levels), then what applies to or involves any of those places.
const provinceMembers = new Map();
function inProvince(province) {
  let members = provinceMembers.get(province);
  if (!members) {
    const places = new Set([province]);
    let frontier = [province];
    for (let level = 0; level < 3 && frontier.length; level++) {
      const next = [];
      for (const k of frontier) {
        for (const e of edges(k)) {
          if (e.direction === 'INCOMING' && (e.rel.type === 'LOCATED_IN' || e.rel.type === 'PART_OF') && !places.has(e.other)) { places.add(e.other); next.push(e.other); }
        }
      }
      frontier = next;
    }
    members = new Set(places);
    for (const place of places) {
      for (const e of edges(place)) if (e.direction === 'INCOMING' && (e.rel.type === 'APPLIES_TO' || e.rel.type === 'INVOLVES')) members.add(e.other);
    }
    members.delete(province);
    provinceMembers.set(province, members);
  }
  return members;
}

function linked(entity, [type, direction, kinds, single]) {
  if (entity.kind === 'province') {
    const members = inProvince(entity.key);
    return byKind.get(kinds[0]).filter((e) => members.has(e.key)).slice(0, LINK_LIMIT);
  }
  const out = [];
  for (const e of edges(entity.key)) {
    if (e.rel.type !== type || e.direction !== direction) continue;
    const other = byKey.get(e.other);
    if (kinds && !kinds.includes(other.kind)) continue;
    out.push(other);
    if (single || out.length === LINK_LIMIT) break;
  }
  return single ? (out[0] ?? null) : out;
}

// ---------------------------------------------------------------------------------------------
// Query fields: neighborhood (BFS), paths (Yen's k best distinct node sequences), search (naive)
// ---------------------------------------------------------------------------------------------
function neighborhood({ key, depth = 1, direction = 'BOTH', relationTypes, kinds, limit = 100 }) {
  const center = byKey.get(key);
  if (!center) return null;
  if (depth < 1 || depth > 3) throw gqlError('INVALID_ARGUMENT', `'depth' must be between 1 and 3, got ${depth}.`);
  const kindSet = kinds?.length ? new Set(kinds.map((k) => KIND_OF_ENUM[k])) : null;
  const seen = new Set([key]);
  const nodes = [center];
  let frontier = [key];
  let truncated = false;
  for (let d = 0; d < depth && frontier.length && !truncated; d++) {
    const next = [];
    for (const k of frontier) {
      for (const e of edges(k)) {
        if (seen.has(e.other) || !matchEdge(e, relationTypes, direction, null)) continue;
        const other = byKey.get(e.other);
        if (kindSet && !kindSet.has(other.kind)) continue;
        if (nodes.length >= limit) { truncated = true; break; }
        seen.add(e.other);
        nodes.push(other);
        next.push(e.other);
      }
      if (truncated) break;
    }
    frontier = next;
  }
  const graphEdges = [];
  for (const n of nodes) {
    for (const e of edges(n.key)) {
      if (e.direction === 'OUTGOING' && seen.has(e.other) && matchEdge(e, relationTypes, 'BOTH', null)) graphEdges.push(graphEdge(e.rel));
    }
  }
  return { center, nodes, edges: graphEdges, truncated };
}

const graphEdge = (rel) => ({ from: rel.from, to: rel.to, type: rel.type, fromNarrative: rel.fromNarrative });

// Paths as schema.graphql describes them: distinct node sequences (parallel relations between two nodes are one
// step listing all of them, typed first), ranked by (1) steps only a narrative mention joins, (2) length, (3) hub
// cost = sum over intermediate nodes of log2(1 + distinct neighbours), in thousandths, (4) node keys. Yen's k-best;
// each spur search is a layered best-first walk over (node, hops), pruned by one BFS distance from the target.
function paths({ from, to, maxHops = 4, relationTypes, excludeRelationTypes, includeMentions = true, throughKinds, first = 3 }) {
  if (maxHops < 1 || maxHops > 6) throw gqlError('INVALID_ARGUMENT', `'maxHops' must be between 1 and 6, got ${maxHops}.`);
  if (!byKey.has(from) || !byKey.has(to)) throw gqlError('NOT_FOUND', `no entity has the key '${byKey.has(from) ? to : from}'.`);
  if (from === to) return [];
  const through = throughKinds?.length ? new Set(throughKinds.map((k) => KIND_OF_ENUM[k])) : null;
  const follows = (type) => !excludeRelationTypes?.includes(type)
    && (relationTypes?.length ? relationTypes.includes(type) : type !== 'MENTIONS' || includeMentions);
  const neighbourMaps = new Map();
  const neighboursOf = (key) => {
    let map = neighbourMaps.get(key);
    if (!map) {
      map = new Map();
      for (const e of edges(key)) {
        if (e.other === key || !follows(e.rel.type)) continue;
        let n = map.get(e.other);
        if (!n) map.set(e.other, n = { key: e.other, relations: [] });
        n.relations.push(e.rel);
      }
      for (const n of map.values()) n.typed = n.relations[0].type !== 'MENTIONS';
      neighbourMaps.set(key, map);
    }
    return map;
  };
  const hubCost = (key) => Math.round(1000 * Math.log2(1 + neighboursOf(key).size));
  const distance = new Map([[to, 0]]);
  for (let d = 1, frontier = [to]; d < maxHops && frontier.length; d++) {
    const next = [];
    for (const k of frontier) for (const e of edges(k)) if (follows(e.rel.type) && !distance.has(e.other)) { distance.set(e.other, d); next.push(e.other); }
    frontier = next;
  }
  const canReach = (key, left) => (distance.get(key) ?? Infinity) <= left;
  const comparePrefix = (a, b) => {
    if (!a || !b || a === b) return 0;
    return comparePrefix(a.prev, b.prev) || cmp(a.node, b.node);
  };
  const better = (a, b) => (a.narrative - b.narrative || a.hub - b.hub || comparePrefix(a, b)) < 0;
  const routeOf = (nodes) => {
    let narrative = 0; let hub = 0;
    for (let i = 0; i < nodes.length - 1; i++) {
      if (!neighboursOf(nodes[i]).get(nodes[i + 1]).typed) narrative++;
      if (i > 0) hub += hubCost(nodes[i]);
    }
    return { nodes, narrative, hops: nodes.length - 1, hub };
  };
  const order = (a, b) => {
    let c = a.narrative - b.narrative || a.hops - b.hops || a.hub - b.hub;
    for (let i = 0; !c && i < a.nodes.length; i++) c = cmp(a.nodes[i], b.nodes[i]);
    return c;
  };
  const best = (start, blockedNodes, blockedSteps, hopsAllowed) => {
    const atTarget = neighboursOf(to);
    const mayStepToTarget = (n) => n !== to && atTarget.has(n) && !(n === start && blockedSteps.has(to));
    let layer = new Map([[start, { node: start, narrative: 0, hub: 0, prev: null }]]);
    let found = null;
    for (let hops = 1; hops <= hopsAllowed && layer.size; hops++) {
      if (hops === hopsAllowed || [...layer].some(([n, l]) => l.narrative === 0 && mayStepToTarget(n) && atTarget.get(n).typed)) {
        let arrival = null;
        for (const [n, l] of layer) {
          if (!mayStepToTarget(n)) continue;
          const a = { node: to, narrative: l.narrative + (atTarget.get(n).typed ? 0 : 1), hub: l.hub + (n === start ? 0 : hubCost(n)), prev: l };
          if (!arrival || better(a, arrival)) arrival = a;
        }
        if (arrival && (!found || arrival.narrative < found.narrative)) found = arrival;
        break;
      }
      const next = new Map();
      for (const [n, l] of layer) {
        if (n === to) continue;
        const leave = n === start ? 0 : hubCost(n);
        for (const nb of neighboursOf(n).values()) {
          const o = nb.key;
          if (o === start || blockedNodes.has(o) || (n === start && blockedSteps.has(o))
            || (through && o !== to && !through.has(byKey.get(o).kind)) || !canReach(o, hopsAllowed - hops)) continue;
          const c = { node: o, narrative: l.narrative + (nb.typed ? 0 : 1), hub: l.hub + leave, prev: l };
          if (found && c.narrative >= found.narrative) continue;
          const known = next.get(o);
          if (!known || better(c, known)) next.set(o, c);
        }
      }
      const arrived = next.get(to);
      if (arrived && (!found || arrived.narrative < found.narrative)) found = arrived;
      if (found?.narrative === 0) break;
      layer = next;
    }
    if (!found) return null;
    const nodes = [];
    for (let l = found; l; l = l.prev) nodes.push(l.node);
    return routeOf(nodes.reverse());
  };
  const firstRoute = best(from, new Set(), new Set(), maxHops);
  if (!firstRoute) return [];
  const accepted = [firstRoute];
  const candidates = [];
  while (accepted.length < first) {
    const previous = accepted.at(-1);
    for (let i = 0; i < previous.nodes.length - 1; i++) {
      const root = previous.nodes.slice(0, i + 1);
      const blockedSteps = new Set(accepted
        .filter((p) => p.nodes.length > i + 1 && root.every((k, j) => p.nodes[j] === k))
        .map((p) => p.nodes[i + 1]));
      const spur = best(root[i], new Set(root.slice(0, i)), blockedSteps, maxHops - i);
      if (!spur) continue;
      const route = routeOf([...root, ...spur.nodes.slice(1)]);
      if (!candidates.some((c) => order(c, route) === 0)) candidates.push(route);
    }
    if (!candidates.length) break;
    candidates.sort(order);
    accepted.push(candidates.shift());
  }
  return accepted.map((r) => {
    const steps = r.nodes.slice(1).map((k, i) => ({ from: r.nodes[i], to: k, relations: neighboursOf(r.nodes[i]).get(k).relations }));
    return {
      length: r.hops,
      nodes: r.nodes.map((k) => byKey.get(k)),
      steps,
      narrativeSteps: r.narrative,
      edges: steps.map((s) => graphEdge(s.relations[0])),
    };
  });
}

function count(haystack, needle) {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

function snippet(field, term) {
  const at = field.lower.indexOf(term);
  const start = Math.max(0, at - 30);
  const end = Math.min(field.text.length, at + term.length + 30);
  return `${start > 0 ? '…' : ''}${field.text.slice(start, at)}<em>${field.text.slice(at, at + term.length)}</em>${field.text.slice(at + term.length, end)}${end < field.text.length ? '…' : ''}`;
}

function search({ query, kinds, first = 10, after }) {
  const size = pageSize(first, 10);
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return connection([], 0, 0);
  const kindSet = kinds?.length ? new Set(kinds.map((k) => KIND_OF_ENUM[k])) : null;
  const hits = [];
  for (const e of entities) {
    if (kindSet && !kindSet.has(e.kind)) continue;
    const fields = searchFields.get(e.key);
    let score = 0;
    let all = true;
    for (const t of terms) {
      let termScore = 0;
      for (const f of fields) termScore += count(f.lower, t) * f.boost;
      if (!termScore) { all = false; break; }
      score += termScore;
    }
    if (all) hits.push({ entity: e, score, fields });
  }
  hits.sort((a, b) => b.score - a.score || cmp(a.entity.key, b.entity.key));
  let start = 0;
  if (after) start = Number(unb64(after).replace(/^search:/, '')) + 1;
  const items = hits.slice(start, start + size).map((h, i) => ({
    cursor: b64(`search:${start + i}`),
    score: h.score,
    node: h.entity,
    highlights: h.fields.filter((f) => f.lower.includes(terms[0])).map((f) => ({ field: f.field, snippet: snippet(f, terms[0]) })),
  }));
  return connection(items, hits.length, start);
}

// ---------------------------------------------------------------------------------------------
// Resolver map
// ---------------------------------------------------------------------------------------------
const entityFields = {
  id: (e) => b64url(`${TYPE_NAME[e.kind]}:${e.key}`),
  kind: (e) => KIND_ENUM[e.kind],
  summary: (e) => e.summary ?? null,
  dates: (e) => e.dates.map((d) => ({ name: d.name, date: partialDate(d.date) })),
  relations: (e, args) => relationConnection(e, args),
};

const resolvers = {
  Query: {
    entity: (_, { key }) => byKey.get(key) ?? null,
    node: (_, { id }) => nodeById(id),
    nodes: (_, { ids }) => ids.map(nodeById),
    entities: (_, { kinds, filter, first, after }) => {
      const size = pageSize(first);
      const kindSet = kinds?.length ? new Set(kinds.map((k) => KIND_OF_ENUM[k])) : null;
      const text = filter?.text?.toLowerCase();
      const matching = entities.filter((e) => (!kindSet || kindSet.has(e.kind))
        && (!filter?.status || filter.status.includes(e.status)) && (!filter?.level || filter.level.includes(e.level))
        && (!filter?.type || filter.type.includes(e.type)) && (!filter?.theme || filter.theme.includes(e.theme))
        && (!text || searchFields.get(e.key).some((f) => f.lower.includes(text))));
      const afterKey = after ? unb64(after).replace(/^entity:/, '') : null;
      let start = afterKey ? matching.findIndex((e) => e.key > afterKey) : 0;
      if (start < 0) start = matching.length;
      const items = matching.slice(start, start + size).map((e) => ({ node: e, cursor: b64(`entity:${e.key}`) }));
      return connection(items, matching.length, start);
    },
    neighborhood: (_, args) => neighborhood(args),
    paths: (_, args) => paths(args),
    search: (_, args) => search(args),
    indicator: (_, { key }) => { const e = byKey.get(key); return e?.kind === 'indicator' ? e : null; },
    indicators: (_, { economy, first, after }) => {
      const size = pageSize(first);
      const matching = byKind.get('indicator').filter((e) => !economy || e.indicator.observations.some((o) => o.economy === economy));
      const afterKey = after ? unb64(after).replace(/^entity:/, '') : null;
      let start = afterKey ? matching.findIndex((e) => e.key > afterKey) : 0;
      if (start < 0) start = matching.length;
      const items = matching.slice(start, start + size).map((e) => ({ node: e, cursor: b64(`entity:${e.key}`) }));
      return connection(items, matching.length, start);
    },
    corpus: () => ({
      version: data.version,
      createdAt: data.createdAt,
      entityCount: entities.length,
      relationCount: data.relations.length,
      kinds: KINDS.map(([k, , e]) => ({ kind: e, count: byKind.get(k).length })),
      relationTypes: RELATION_TYPES.map((t) => ({ type: t, count: data.relations.filter((r) => r.type === t).length })),
      lastLoad: null,
    }),
  },
  Node: { __resolveType: (e) => TYPE_NAME[e.kind] },
  Entity: { __resolveType: (e) => TYPE_NAME[e.kind] },
  Agreement: { ...entityFields, signed: (e) => dateOf(e, 'signed'), inForce: (e) => dateOf(e, 'in_force'), concluded: (e) => dateOf(e, 'concluded') },
  Policy: { ...entityFields, issued: (e) => dateOf(e, 'issued') },
  Organization: { ...entityFields }, Economy: { ...entityFields }, Province: { ...entityFields }, City: { ...entityFields },
  Zone: { ...entityFields }, ServiceExportBase: { ...entityFields }, Case: { ...entityFields },
  Indicator: {
    ...entityFields,
    table: (e) => e.indicator.table,
    unit: (e) => e.indicator.unit,
    dataSource: (e) => e.indicator.dataSource ?? null,
    notes: (e) => e.indicator.notes ?? null,
    series: (e) => e.indicator.series,
    observations: (e, { series, economy, from, to }) => {
      const units = new Map(e.indicator.series.map((s) => [s.id, s.unit]));
      const column = new Map(e.indicator.series.map((s, i) => [s.id, i]));
      return e.indicator.observations
        .filter((o) => (series == null || o.series === series) && (economy == null || o.economy === economy)
          && (from == null || Number(o.period.slice(0, 4)) >= from) && (to == null || Number(o.period.slice(0, 4)) <= to))
        .map((o) => ({ series: o.series, period: o.period, economyKey: o.economy, value: o.value, unit: units.get(o.series) }))
        .sort((a, b) => cmp(a.economyKey, b.economyKey) || (column.get(a.series) - column.get(b.series)) || cmp(a.period, b.period));
    },
  },
  PathStep: { relations: (s) => s.relations.map((rel) => ({ rel, forward: rel.from === s.from })) },
  PathRelation: {
    type: (r) => r.rel.type,
    direction: (r) => (r.forward ? 'OUTGOING' : 'INCOMING'),
    fromNarrative: (r) => r.rel.fromNarrative,
    date: (r) => partialDate(r.rel.date),
    role: (r) => r.rel.role ?? null,
    note: (r) => r.rel.note ?? null,
    source: (r) => r.rel.source ?? null,
  },
  RelationEdge: {
    type: (i) => i.edge.rel.type,
    direction: (i) => i.edge.direction,
    node: (i) => byKey.get(i.edge.other),
    date: (i) => partialDate(i.edge.rel.date),
    role: (i) => i.edge.rel.role ?? null,
    note: (i) => i.edge.rel.note ?? null,
    source: (i) => i.edge.rel.source ?? null,
    fromNarrative: (i) => i.edge.rel.fromNarrative,
  },
};
for (const [typeName, fields] of Object.entries(LINKS)) {
  for (const [field, spec] of Object.entries(fields)) resolvers[typeName][field] = (e) => linked(e, spec);
}

function nodeById(id) {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) throw gqlError('INVALID_ID', `'${id}' is not a valid node ID.`);
  const e = byKey.get(text.slice(colon + 1));
  return e && e.kind === KIND_OF_TYPE[text.slice(0, colon)] ? e : null;
}

// Attach the resolver map to the schema built from the SDL (what graphql-tools' makeExecutableSchema does).
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName);
  if (!type) throw new Error(`schema has no type ${typeName}`);
  for (const [field, fn] of Object.entries(fields)) {
    if (field === '__resolveType') { type.resolveType = fn; continue; }
    const def = type.getFields()[field];
    if (!def) throw new Error(`schema has no field ${typeName}.${field}`);
    def.resolve = (source, args) => fn(source, args);
  }
}

const handler = createHandler({ schema });
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') { res.writeHead(200); res.end('alive'); return; }
  if (req.url.startsWith('/graphql')) { handler(req, res); return; }
  res.writeHead(404); res.end();
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`peer: graphql-js serving ${entities.length} entities, ${data.relations.length} relations on http://127.0.0.1:${port}/graphql (loaded in ${ms.toFixed(0)} ms)`);
});
