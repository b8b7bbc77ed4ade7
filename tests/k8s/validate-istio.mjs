// Validates Istio objects against Istio's schemas (the @kubernetes-models/istio
// models, generated from Istio's CRDs). Reads a JSON array of objects on
// stdin; prints a JSON array of {kind, name, errors} and exits 1 if any
// object has an error.
//
// The models' validate() checks types, enums and required fields, but the CRD
// schemas do not forbid unknown fields (the API server drops them, or rejects
// them under strict field validation). A misspelt field would pass, so each
// key is also probed: replaced by a value of a wrong type, a field the schema
// knows fails validation at its path, an unknown one does not. Free-form
// values (an EnvoyFilter's Envoy config, a WasmPlugin's pluginConfig) are
// not probed inside: the tests check them with Envoy itself.

const FREE_FORM = [
  /^\/spec\/configPatches\/\d+\/patch\/value$/,
  /^\/spec\/pluginConfig$/,
];
const PROBES = [0.5, "\u0000probe"];

async function modelFor(obj) {
  const [group, version] = String(obj.apiVersion || "").split("/");
  if (!group || !version || !/\.istio\.io$/.test(group) || !/^[A-Za-z]+$/.test(obj.kind || "")) {
    return null;
  }
  try {
    const mod = await import(`@kubernetes-models/istio/${group}/${version}/${obj.kind}`);
    return mod[obj.kind];
  } catch {
    return undefined; // an Istio group/version/kind the models do not know
  }
}

function errorsOf(Model, data) {
  try {
    new Model(data).validate();
    return [];
  } catch (e) {
    return (e.errors || [{ instancePath: "", message: e.message }]);
  }
}

const pointer = (path) => path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

function setAt(root, path, value) {
  const copy = structuredClone(root);
  let node = copy;
  for (const p of path.slice(0, -1)) node = node[p];
  node[path[path.length - 1]] = value;
  return copy;
}

// Keys (under `path`) that the schema does not know.
function unknownFields(Model, root, node, path, out) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => unknownFields(Model, root, item, [...path, i], out));
    return;
  }
  if (!node || typeof node !== "object") return;
  if (FREE_FORM.some((re) => re.test(pointer(path)))) return;
  for (const key of Object.keys(node)) {
    const at = [...path, key];
    const where = pointer(at);
    const known = PROBES.some((probe) =>
      errorsOf(Model, setAt(root, at, probe)).some(
        (e) => e.instancePath === where || e.instancePath.startsWith(where + "/")));
    if (!known) {
      out.push(`${where}: unknown field "${key}"`);
    } else {
      unknownFields(Model, root, node[key], at, out);
    }
  }
}

const input = JSON.parse(await new Promise((resolve) => {
  let s = "";
  process.stdin.on("data", (d) => (s += d));
  process.stdin.on("end", () => resolve(s));
}));

const results = [];
for (const obj of input) {
  const Model = await modelFor(obj);
  if (Model === null) continue; // not an Istio kind
  const name = `${obj.kind}/${obj.metadata?.name ?? "?"}`;
  if (Model === undefined) {
    results.push({ kind: obj.kind, name, errors: [`no Istio schema for ${obj.apiVersion} ${obj.kind}`] });
    continue;
  }
  const errors = errorsOf(Model, obj).map((e) =>
    `${e.instancePath || "/"}: ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
  unknownFields(Model, obj, obj, [], errors);
  results.push({ kind: obj.kind, name, errors });
}
console.log(JSON.stringify(results, null, 1));
process.exit(results.some((r) => r.errors.length) ? 1 : 0);
