//! The API's description, read: the two OpenAPI documents and the overlay, turned into the
//! operations and models every layer is written from.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use heck::{ToSnakeCase, ToUpperCamelCase};
use openapiv3::{
    OpenAPI, Operation as SpecOperation, Parameter, ReferenceOr, RequestBody, Schema, SchemaKind,
    StatusCode, Type,
};
use serde::Deserialize;

/// A type as every layer knows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    I32,
    I64,
    F64,
    Bool,
    /// A date, read from epoch milliseconds or ISO 8601.
    Time,
    /// A free-form JSON value, kept as its text.
    Json,
    /// A JSON object of strings.
    Map,
    /// A model or an enum.
    Named(String),
    List(Box<Ty>),
}

impl Ty {
    /// Reads the overlay's notation: `string`, `integer`, `int64`, `number`, `boolean`, `date`,
    /// `json`, `map`, `[T]`, or a model's name.
    pub fn parse(text: &str) -> Result<Ty, String> {
        Ok(match text {
            "string" => Ty::String,
            "integer" => Ty::I32,
            "int64" => Ty::I64,
            "number" => Ty::F64,
            "boolean" => Ty::Bool,
            "date" => Ty::Time,
            "json" => Ty::Json,
            "map" => Ty::Map,
            list if list.starts_with('[') && list.ends_with(']') => {
                Ty::List(Box::new(Ty::parse(&list[1..list.len() - 1])?))
            }
            name if name.starts_with(|c: char| c.is_ascii_uppercase()) => Ty::Named(name.into()),
            other => return Err(format!("unknown type {other:?}")),
        })
    }
}

/// Where a value of a request goes.
#[derive(Debug, Clone)]
pub enum ArgKind {
    /// A path segment: `placeholder` in the path; `check` a function of checks.rs, else the
    /// plain escaping, whose errors call it `what`.
    Path {
        placeholder: String,
        check: Option<String>,
        what: String,
    },
    /// An optional query parameter.
    Query { wire: String, check: Option<String> },
    /// A field of a JSON object body (`{"value": value}`).
    BodyField { wire: String },
    /// The whole body: a record, serialized, or written by `build`.
    Body { build: Option<String> },
    /// The whole body, taken generically by the core (`rust`), as `ffi` across the FFI.
    GenericBody {
        build: String,
        generics: String,
        rust: String,
        ffi: Ty,
        to_core: String,
        /// What Python's `Client` and `AsyncClient` accept (their `_client.py` converts it).
        python: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Arg {
    pub name: String,
    pub ty: Ty,
    pub optional: bool,
    pub kind: ArgKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Parsed as JSON.
    Json(Ty),
    /// Ignored.
    Nothing,
    /// Read by a function of checks.rs; `Some` of `ty` or none.
    Parsed {
        ty: Ty,
        optional: bool,
        parse: String,
    },
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub name: String,
    pub method: String,
    /// The wire path with the description's placeholders: what errors name.
    pub path: String,
    pub bridge: bool,
    pub doc: String,
    pub group: String,
    pub args: Vec<Arg>,
    pub answer: Answer,
    pub absent_on: Option<String>,
    pub invalid: Option<String>,
    /// What clever-client.js and the Python SDK call it, for the READMEs.
    pub clever_client: Option<String>,
    pub python_sdk: Option<String>,
}

impl Operation {
    /// Whether building the request can fail (a value to check, a body to write).
    pub fn fallible(&self) -> bool {
        self.args.iter().any(|arg| match &arg.kind {
            ArgKind::Path { .. } | ArgKind::BodyField { .. } => true,
            ArgKind::Body { .. } | ArgKind::GenericBody { .. } => true,
            ArgKind::Query { check, .. } => check.is_some(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Holds a secret: only a secret model's accessor gives it, nothing prints it.
    pub secret: bool,
    pub wire: String,
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
    pub default: Option<toml::Value>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub doc: String,
    pub input: bool,
    /// Carries a secret (`secret` fields): an object whose `Debug` and `Display` redact it.
    pub secret: bool,
    pub fields: Vec<Field>,
    /// An answer shaped by the schema, every property filled (for a model the API returns).
    pub example: Option<serde_json::Value>,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub doc: String,
    /// The API's values, each with its variant's name.
    pub values: Vec<(String, String)>,
}

/// Everything the generator writes from.
#[derive(Debug)]
pub struct Api {
    pub operations: Vec<Operation>,
    pub models: Vec<Model>,
    pub enums: Vec<Enum>,
    /// Operations written by hand, with the reason.
    pub handwritten: BTreeMap<String, String>,
    /// Operations of the v2 scope left out, with the reason.
    pub left_out: BTreeMap<String, String>,
    /// The v2 document's operations in scope, and how many of them are typed.
    pub scope: usize,
    pub typed: usize,
}

impl Api {
    /// Whether `name` is a model that carries a secret (an object, not a record).
    pub fn is_secret(&self, name: &str) -> bool {
        self.models
            .iter()
            .any(|model| model.name == name && model.secret)
    }
}

// The overlay, as written in overlay.toml.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    scope: Scope,
    operations: Vec<OperationOverlay>,
    #[serde(default)]
    handwritten: BTreeMap<String, String>,
    /// Operations of the scope left out of the typed calls, with the reason.
    #[serde(default)]
    left_out: BTreeMap<String, String>,
    #[serde(default)]
    params: BTreeMap<String, ParamOverlay>,
    #[serde(default)]
    models: BTreeMap<String, ModelOverlay>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct OperationOverlay {
    name: Option<String>,
    operation: String,
    doc: Option<String>,
    group: Option<String>,
    /// `listed`: only the query parameters of `query` are offered (else every one of the spec).
    queries: Option<String>,
    #[serde(default)]
    params: BTreeMap<String, ParamOverlay>,
    #[serde(default)]
    query: BTreeMap<String, QueryOverlay>,
    body: Option<BodyOverlay>,
    answer: Option<AnswerOverlay>,
    absent_on: Option<String>,
    invalid: Option<String>,
    clever_client: Option<String>,
    python_sdk: Option<String>,
}

#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
struct ParamOverlay {
    name: Option<String>,
    check: Option<String>,
    what: Option<String>,
}

/// Which of the v2 document's operations are typed: every one but those under `outside`, the
/// deprecated ones, and each `/self/...` operation whose `/organisations/{id}/...` twin exists.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scope {
    outside: Vec<String>,
    /// Words the naming rule drops from an operationId (`ByOrgaId`, `ForOrga`…), longest first.
    drop: Vec<String>,
    /// The spec's typos, corrected in names: `Appplication` = `Application`.
    #[serde(default)]
    typos: BTreeMap<String, String>,
    /// Group of the README tables by path prefix (v2 paths without /v2), the first match; the
    /// order of `groups` is the tables' order.
    groups: Vec<(String, String)>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct QueryOverlay {
    name: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    check: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct BodyOverlay {
    /// Wire name → argument name (`name?` for an optional one).
    fields: Option<BTreeMap<String, String>>,
    /// The description has no body here, and the API takes one (the overlay's correction).
    #[serde(default)]
    undescribed: bool,
    arg: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    build: Option<String>,
    generics: Option<String>,
    rust: Option<String>,
    ffi: Option<String>,
    to_core: Option<String>,
    python: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct AnswerOverlay {
    #[serde(rename = "type")]
    ty: String,
    /// Why the description's answer is corrected.
    #[allow(dead_code)]
    why: Option<String>,
    parse: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ModelOverlay {
    schema: Option<String>,
    doc: Option<String>,
    #[serde(default)]
    input: bool,
    only: Option<Vec<String>>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    fields: BTreeMap<String, FieldOverlay>,
    /// Fields holding a secret: the model becomes an object that never prints them.
    #[serde(default)]
    secret: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FieldOverlay {
    doc: Option<String>,
    name: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    default: Option<toml::Value>,
    /// The name of the enum a string enum of the spec becomes (else the model's and field's).
    #[serde(rename = "enum")]
    enum_name: Option<String>,
    /// Left out of the model (a secret the API sends, which no record may carry).
    #[serde(default)]
    skip: bool,
    /// Named like a secret and is not one: why.
    not_secret: Option<String>,
}

/// The two documents, searchable by wire path.
struct Documents {
    v2: OpenAPI,
    ours: OpenAPI,
    /// Each schema's property names, in the documents' order.
    order: BTreeMap<String, Vec<String>>,
}

/// What the property order is read from: `OpenAPI` comes through a `serde_json::Value`, whose
/// objects are sorted.
#[derive(Deserialize)]
struct PropertyOrder {
    components: Components,
}

#[derive(Deserialize)]
struct Components {
    schemas: indexmap::IndexMap<String, SchemaOrder>,
}

#[derive(Deserialize)]
struct SchemaOrder {
    #[serde(default)]
    properties: indexmap::IndexMap<String, serde::de::IgnoredAny>,
}

impl Documents {
    /// The operation `METHOD /path` and the document holding it.
    fn find(&self, operation: &str) -> Result<(&OpenAPI, &SpecOperation, String), String> {
        let (method, path) = operation
            .split_once(' ')
            .ok_or_else(|| format!("{operation:?}: want \"METHOD /path\""))?;
        let (document, spec_path) = match path.strip_prefix("/v2") {
            Some(rest) if self.v2.paths.paths.contains_key(rest) => (&self.v2, rest),
            _ => (&self.ours, path),
        };
        let item = document
            .paths
            .paths
            .get(spec_path)
            .and_then(ReferenceOr::as_item)
            .ok_or_else(|| format!("{operation}: no such path in the description"))?;
        let found = match method {
            "GET" => item.get.as_ref(),
            "PUT" => item.put.as_ref(),
            "POST" => item.post.as_ref(),
            "DELETE" => item.delete.as_ref(),
            "PATCH" => item.patch.as_ref(),
            _ => None,
        };
        let found = found.ok_or_else(|| format!("{operation}: no such method on the path"))?;
        Ok((document, found, path.to_owned()))
    }
}

fn schema_name(reference: &str) -> &str {
    reference.trim_start_matches("#/components/schemas/")
}

fn resolve<'a>(document: &'a OpenAPI, schema: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } => document
            .components
            .as_ref()?
            .schemas
            .get(schema_name(reference))?
            .as_item(),
    }
}

/// Reads the three files of `api_dir`.
pub fn read(api_dir: &Path) -> Result<Api, String> {
    let mut order = BTreeMap::new();
    let mut read_json = |name: &str| -> Result<OpenAPI, String> {
        let text = fs::read_to_string(api_dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let ordered: PropertyOrder =
            serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        for (schema, properties) in ordered.components.schemas {
            order.insert(schema, properties.properties.into_keys().collect());
        }
        let mut document: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        describe_responses(&mut document);
        serde_json::from_value(document).map_err(|e| format!("{name}: {e}"))
    };
    let v2 = read_json("clever-cloud-v2.openapi.json")?;
    let ours = read_json("cleverkit.openapi.json")?;
    let documents = Documents { v2, ours, order };
    let overlay_text = fs::read_to_string(api_dir.join("overlay.toml"))
        .map_err(|e| format!("overlay.toml: {e}"))?;
    let overlay: Overlay =
        toml::from_str(&overlay_text).map_err(|e| format!("overlay.toml: {e}"))?;
    Builder::new(&documents, &overlay).build()
}

struct Builder<'a> {
    documents: &'a Documents,
    overlay: &'a Overlay,
    /// Schema name (qualified by document) → model name, from the overlay.
    named: BTreeMap<String, String>,
    models: BTreeMap<String, Model>,
    enums: BTreeMap<String, Enum>,
    /// Models still to read: name, document, schema name.
    pending: Vec<(String, bool, String)>,
    seen: BTreeSet<String>,
    /// Models made for a request body the overlay does not name (records the caller builds).
    inputs: BTreeSet<String>,
    /// Each model's schema, and the names two schemas would share.
    schemas: BTreeMap<String, String>,
    conflicts: Vec<String>,
}

impl<'a> Builder<'a> {
    fn new(documents: &'a Documents, overlay: &'a Overlay) -> Self {
        let named = overlay
            .models
            .iter()
            .filter(|(_, model)| !model.input)
            .filter_map(|(name, model)| Some((model.schema.clone()?, name.clone())))
            .collect();
        Builder {
            documents,
            overlay,
            named,
            models: BTreeMap::new(),
            enums: BTreeMap::new(),
            pending: Vec::new(),
            seen: BTreeSet::new(),
            inputs: BTreeSet::new(),
            schemas: BTreeMap::new(),
            conflicts: Vec::new(),
        }
    }

    fn build(mut self) -> Result<Api, String> {
        let scope = self.scope();
        let in_scope: BTreeSet<&str> = scope
            .iter()
            .map(|(operation, _)| operation.as_str())
            .collect();
        let mut entries: Vec<OperationOverlay> = Vec::new();
        let mut listed = BTreeSet::new();
        for entry in &self.overlay.operations {
            if !listed.insert(entry.operation.clone()) {
                return Err(format!("{} is in the overlay twice", entry.operation));
            }
            let v2 = std::ptr::eq(self.documents.find(&entry.operation)?.0, &self.documents.v2);
            if v2 && !in_scope.contains(entry.operation.as_str()) {
                return Err(format!(
                    "{}: not in the scope (outside, deprecated, or a /self twin)",
                    entry.operation
                ));
            }
            entries.push(entry.clone());
        }
        for (operation, reason) in &self.overlay.left_out {
            if !in_scope.contains(operation.as_str()) {
                return Err(format!("left out {operation}: not in the scope"));
            }
            if listed.contains(operation) {
                return Err(format!("{operation} is both typed and left out"));
            }
            if reason.trim().is_empty() {
                return Err(format!("left out {operation}: say why"));
            }
        }
        let mut typed = 0;
        for (operation, _) in &scope {
            if self.overlay.left_out.contains_key(operation) {
                continue;
            }
            typed += 1;
            if !listed.contains(operation) {
                entries.push(OperationOverlay {
                    name: None,
                    operation: operation.clone(),
                    doc: None,
                    group: None,
                    queries: None,
                    params: BTreeMap::new(),
                    query: BTreeMap::new(),
                    body: None,
                    answer: None,
                    absent_on: None,
                    invalid: None,
                    clever_client: None,
                    python_sdk: None,
                });
            }
        }
        let mut operations = Vec::new();
        let mut names = BTreeSet::new();
        for entry in &entries {
            let operation = self
                .operation(entry)
                .map_err(|e| format!("operation {}: {e}", entry.operation))?;
            if !names.insert(operation.name.clone()) {
                return Err(format!(
                    "operation name {} given twice ({}): name one in the overlay",
                    operation.name, entry.operation
                ));
            }
            operations.push(operation);
        }
        // The READMEs' order: by group, as `scope.groups` lists them.
        let rank = |group: &str| {
            self.overlay
                .scope
                .groups
                .iter()
                .map(|(_, name)| name.as_str())
                .position(|name| name == group)
                .unwrap_or(usize::MAX)
        };
        operations.sort_by_key(|operation| rank(&operation.group));
        while let Some((name, ours, schema)) = self.pending.pop() {
            self.model(&name, ours, &schema)
                .map_err(|e| format!("model {name}: {e}"))?;
        }
        if let Some(conflict) = self.conflicts.first() {
            return Err(conflict.clone());
        }
        for name in self.overlay.models.keys() {
            if !self.models.contains_key(name) {
                return Err(format!(
                    "model {name} of the overlay is used by no operation"
                ));
            }
        }
        for name in self.models.keys().chain(self.enums.keys()) {
            if RESERVED_TYPES.contains(&name.as_str()) {
                return Err(format!(
                    "{name} is a standard type in Kotlin, Swift or Python: name it in the overlay"
                ));
            }
        }
        Ok(Api {
            operations,
            models: self.models.into_values().collect(),
            enums: self.enums.into_values().collect(),
            handwritten: self.overlay.handwritten.clone(),
            left_out: self.overlay.left_out.clone(),
            scope: scope.len(),
            typed,
        })
    }

    /// The v2 operations in scope, `METHOD /v2/path`, in the document's order, with their
    /// operationId.
    fn scope(&self) -> Vec<(String, String)> {
        let v2 = &self.documents.v2;
        let outside = |path: &str| {
            self.overlay.scope.outside.iter().any(|prefix| {
                path == prefix || path.starts_with(&format!("{}/", prefix.trim_end_matches('/')))
            })
        };
        let mut found = Vec::new();
        let mut present = BTreeSet::new();
        for (path, item) in &v2.paths.paths {
            let Some(item) = item.as_item() else { continue };
            for (method, operation) in item.iter() {
                if outside(path) || operation.deprecated {
                    continue;
                }
                present.insert(format!("{} {path}", method.to_uppercase()));
                found.push((method.to_uppercase(), path.clone(), operation));
            }
        }
        found
            .into_iter()
            .filter(|(method, path, _)| match path.strip_prefix("/self/") {
                Some(rest) => !present.contains(&format!("{method} /organisations/{{id}}/{rest}")),
                None => true,
            })
            .map(|(method, path, operation)| {
                (
                    format!("{method} /v2{path}"),
                    operation.operation_id.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// The call's name by the rule: the operationId, its typos corrected, without the words
    /// that say whose it is (`ByOrgaId`, `Organisation` before another word…), `get`/`list`
    /// dropped, in snake case: `listOrganisationApplicationTags` is `application_tags`.
    fn rule_name(&self, operation_id: &str) -> String {
        let mut id = operation_id
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches('_')
            .to_owned();
        for (typo, fixed) in &self.overlay.scope.typos {
            id = id.replace(typo.as_str(), fixed);
        }
        for word in &self.overlay.scope.drop {
            // A qualifier: dropped when another word follows it, or at the end.
            let mut out = String::new();
            let mut rest = id.as_str();
            while let Some(at) = rest.find(word.as_str()) {
                let after = &rest[at + word.len()..];
                out.push_str(&rest[..at]);
                // `By…` and `For…` words qualify at the end too (`getSSODataForOrga`).
                let at_end = after.is_empty()
                    && at > 0
                    && (word.starts_with("By") || word.starts_with("For"));
                let qualifier = at_end || after.starts_with(|c: char| c.is_ascii_uppercase());
                if !qualifier {
                    out.push_str(word);
                }
                rest = after;
            }
            out.push_str(rest);
            id = out;
        }
        let snake = id.to_snake_case();
        match snake.split_once('_') {
            Some(("get" | "list", rest)) => rest.to_owned(),
            _ => snake,
        }
    }

    /// The operationId's words after the rule: `listOrganisationApplicationTags` is
    /// `["list", "application", "tags"]`.
    fn rule_words(&self, operation_id: &str) -> Vec<String> {
        let name = self.rule_name(operation_id);
        let full = {
            let id = operation_id.to_snake_case();
            id.split('_').next().unwrap_or_default().to_owned()
        };
        let mut words: Vec<String> = name.split('_').map(str::to_owned).collect();
        if matches!(full.as_str(), "get" | "list") {
            words.insert(0, full);
        }
        words
    }

    /// The README group of a path, by `scope.groups`.
    fn rule_group(&self, path: &str) -> Option<String> {
        let path = path.strip_prefix("/v2").unwrap_or(path);
        self.overlay
            .scope
            .groups
            .iter()
            .find(|(prefix, _)| glob(prefix, path))
            .map(|(_, group)| group.clone())
    }

    /// The model type for a schema reference, queued to be read.
    fn model_for(&mut self, ours: bool, schema: &str) -> Ty {
        if schema.starts_with("Wannabe") {
            return self.input_for(ours, schema);
        }
        let name = self.named.get(schema).cloned().unwrap_or_else(|| {
            schema
                .strip_suffix("View")
                .unwrap_or(schema)
                .to_upper_camel_case()
        });
        self.queue(name.clone(), ours, schema.to_owned());
        Ty::Named(name)
    }

    /// The record a caller builds for a request body of `schema`: the overlay's input model of
    /// that schema when it names one, else `New` and the schema's name (`WannabeMember` is
    /// `NewMember`).
    fn input_for(&mut self, ours: bool, schema: &str) -> Ty {
        let named: Vec<&String> = self
            .overlay
            .models
            .iter()
            .filter(|(_, model)| model.input && model.schema.as_deref() == Some(schema))
            .map(|(name, _)| name)
            .collect();
        let name = match named.as_slice() {
            [one] => (*one).clone(),
            _ => {
                let bare = schema.strip_prefix("Wannabe").unwrap_or(schema);
                let bare = bare.strip_suffix("View").unwrap_or(bare);
                format!("New{}", bare.to_upper_camel_case())
            }
        };
        self.inputs.insert(name.clone());
        self.queue(name.clone(), ours, schema.to_owned());
        Ty::Named(name)
    }

    fn queue(&mut self, name: String, ours: bool, schema: String) {
        if let Some(other) = self.schemas.insert(name.clone(), schema.clone())
            && other != schema
        {
            self.conflicts.push(format!(
                "{name} would be the model of both {other} and {schema}: name one in the overlay"
            ));
        }
        if self.seen.insert(name.clone()) {
            self.pending.push((name, ours, schema));
        }
    }

    fn document(&self, ours: bool) -> &'a OpenAPI {
        if ours {
            &self.documents.ours
        } else {
            &self.documents.v2
        }
    }

    /// The type of a schema; `context` names an enum it holds.
    fn ty(
        &mut self,
        ours: bool,
        schema: &ReferenceOr<Schema>,
        context: &str,
    ) -> Result<Ty, String> {
        if let ReferenceOr::Reference { reference } = schema {
            return Ok(self.model_for(ours, schema_name(reference)));
        }
        let schema = schema.as_item().expect("an item");
        self.ty_of(ours, schema, context)
    }

    fn ty_of(&mut self, ours: bool, schema: &Schema, context: &str) -> Result<Ty, String> {
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                if !values.is_empty() {
                    self.enum_for(context, values)
                } else if matches!(
                    &string.format,
                    openapiv3::VariantOrUnknownOrEmpty::Item(
                        openapiv3::StringFormat::DateTime | openapiv3::StringFormat::Date
                    )
                ) {
                    Ty::Time
                } else {
                    Ty::String
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => {
                    Ty::I64
                }
                _ => Ty::I32,
            },
            SchemaKind::Type(Type::Number(_)) => Ty::F64,
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(array)) => {
                let items = array
                    .items
                    .as_ref()
                    .ok_or("an array without items")?
                    .clone()
                    .unbox();
                Ty::List(Box::new(self.ty(ours, &items, context)?))
            }
            SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
                Some(openapiv3::AdditionalProperties::Schema(values))
                    if matches!(
                        resolve(self.document(ours), values).map(|s| &s.schema_kind),
                        Some(SchemaKind::Type(Type::String(_)))
                    ) =>
                {
                    Ty::Map
                }
                _ => Ty::Json,
            },
            _ => Ty::Json,
        })
    }

    fn enum_for(&mut self, context: &str, values: Vec<String>) -> Ty {
        let name = context.to_upper_camel_case();
        let variants = values
            .iter()
            .map(|value| (value.clone(), value.to_lowercase().to_upper_camel_case()))
            .collect();
        self.enums.entry(name.clone()).or_insert(Enum {
            name: name.clone(),
            doc: format!("The values of `{context}` the API describes, or `Unknown`."),
            values: variants,
        });
        Ty::Named(name)
    }

    fn model(&mut self, name: &str, ours: bool, schema_name: &str) -> Result<(), String> {
        let empty = ModelOverlay::default();
        let overlay = self.overlay.models.get(name).unwrap_or(&empty);
        let input = overlay.input || self.inputs.contains(name);
        for wire in &overlay.secret {
            if !self
                .documents
                .order
                .get(schema_name)
                .is_some_and(|o| o.contains(wire))
            {
                return Err(format!("secret field {wire} is not in {schema_name}"));
            }
        }
        // A model of the overlay may come from the other document.
        let ours = ours
            || self
                .documents
                .ours
                .components
                .as_ref()
                .is_some_and(|c| c.schemas.contains_key(schema_name))
                && !self
                    .documents
                    .v2
                    .components
                    .as_ref()
                    .is_some_and(|c| c.schemas.contains_key(schema_name));
        let document = self.document(ours);
        let schema = document
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(schema_name))
            .and_then(ReferenceOr::as_item)
            .ok_or_else(|| format!("no schema {schema_name}"))?;
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            return Err(format!("schema {schema_name} is not an object"));
        };
        let order: Vec<String> = match &overlay.only {
            Some(only) => only.clone(),
            None => self.documents.order[schema_name].clone(),
        };
        for wire in overlay.fields.keys() {
            if !order.contains(wire) && !overlay.fields[wire].skip {
                // A field the spec lacks, given a type by the overlay.
                if overlay.fields[wire].ty.is_none() || object.properties.contains_key(wire) {
                    return Err(format!("field {wire} of the overlay is not in the model"));
                }
            }
        }
        let mut wires = order.clone();
        wires.extend(
            overlay
                .fields
                .iter()
                .filter(|(wire, field)| {
                    !order.contains(wire) && !field.skip && !object.properties.contains_key(*wire)
                })
                .map(|(wire, _)| wire.clone()),
        );
        let mut fields = Vec::new();
        for wire in wires {
            let field_overlay = overlay.fields.get(&wire);
            if field_overlay.is_some_and(|f| f.skip) {
                continue;
            }
            let field_name =
                field_overlay
                    .and_then(|f| f.name.clone())
                    .unwrap_or_else(|| match wire.to_snake_case().as_str() {
                        // A keyword in Rust and in Python's `type()`: the project says `kind`.
                        "type" => "kind".to_owned(),
                        name => name.to_owned(),
                    });
            let ty = match field_overlay.and_then(|f| f.ty.as_deref()) {
                Some(text) => {
                    let ty = Ty::parse(text)?;
                    self.queue_named(&ty);
                    ty
                }
                None => {
                    let property = object
                        .properties
                        .get(&wire)
                        .ok_or_else(|| format!("no property {wire} in {schema_name}"))?
                        .clone()
                        .unbox();
                    let context = field_overlay
                        .and_then(|f| f.enum_name.clone())
                        .unwrap_or_else(|| format!("{name}_{field_name}"));
                    let ty = self.ty(ours, &property, &context)?;
                    if is_date(&wire) && matches!(ty, Ty::I64 | Ty::String) {
                        Ty::Time
                    } else {
                        ty
                    }
                }
            };
            if let Some(language) = keyword(&field_name) {
                return Err(format!(
                    "field {field_name} is a keyword of {language}: name it in the overlay"
                ));
            }
            if input && matches!(ty, Ty::Json | Ty::Time) {
                return Err(format!(
                    "input field {wire} is free-form JSON or a date: give it a `type` in the overlay"
                ));
            }
            let secret = overlay.secret.contains(&wire);
            let not_secret = field_overlay.is_some_and(|f| f.not_secret.is_some());
            // Records print their fields, the ones a caller builds too.
            if !secret && !not_secret && ty == Ty::String && looks_secret(&wire) {
                return Err(format!(
                    "field {wire} may hold a secret: skip it in the overlay (records print \
                     their fields), or carry it in an object that never prints it"
                ));
            }
            let required = overlay.required.contains(&wire);
            let default = field_overlay.and_then(|f| f.default.clone());
            fields.push(Field {
                secret,
                wire: wire.clone(),
                name: field_name,
                ty,
                required: required || default.is_some(),
                doc: field_overlay.and_then(|f| f.doc.clone()),
                default,
            });
        }
        for wire in &overlay.required {
            if !fields.iter().any(|field| &field.wire == wire) {
                return Err(format!("required field {wire} is not in the model"));
            }
        }
        let doc = overlay
            .doc
            .clone()
            .or_else(|| schema.schema_data.description.clone())
            .unwrap_or_else(|| format!("The API's `{schema_name}`."));
        let mut answer = (!input).then(|| example(document, schema, 0));
        // Where the overlay corrects a property's type to another model, the answer holds that
        // model's shape.
        if let Some(serde_json::Value::Object(filled)) = &mut answer {
            filled.retain(|wire, _| !overlay.fields.get(wire).is_some_and(|f| f.skip));
            for field in &fields {
                let corrected = overlay.fields.get(&field.wire).and_then(|f| f.ty.as_ref());
                if let (Some(_), Ty::Named(model)) = (corrected, &field.ty)
                    && let Some(schema) = self.schema_of(model)
                {
                    filled.insert(
                        field.wire.clone(),
                        example(self.document(self.is_ours(&schema.0)), schema.1, 0),
                    );
                }
            }
        }
        self.models.insert(
            name.to_owned(),
            Model {
                name: name.to_owned(),
                doc,
                input,
                secret: !overlay.secret.is_empty(),
                fields,
                example: answer,
            },
        );
        Ok(())
    }

    /// Queues the models a type of the overlay names.
    fn queue_named(&mut self, ty: &Ty) {
        match ty {
            Ty::List(inner) => self.queue_named(inner),
            Ty::Named(name) => {
                if let Some(overlay) = self.overlay.models.get(name)
                    && let Some(schema) = overlay.schema.clone()
                {
                    let ours = self.is_ours(&schema);
                    self.queue(name.clone(), ours, schema);
                }
            }
            _ => {}
        }
    }

    /// The schema a model of the overlay comes from, with its name.
    fn schema_of(&self, model: &str) -> Option<(String, &'a Schema)> {
        let name = self.overlay.models.get(model)?.schema.clone()?;
        let document = self.document(self.is_ours(&name));
        let schema = document
            .components
            .as_ref()?
            .schemas
            .get(&name)?
            .as_item()?;
        Some((name, schema))
    }

    fn is_ours(&self, schema: &str) -> bool {
        !self
            .documents
            .v2
            .components
            .as_ref()
            .is_some_and(|c| c.schemas.contains_key(schema))
    }

    fn operation(&mut self, entry: &OperationOverlay) -> Result<Operation, String> {
        let (document, spec, path) = self.documents.find(&entry.operation)?;
        let ours = std::ptr::eq(document, &self.documents.ours);
        let name = match (&entry.name, &spec.operation_id) {
            (Some(name), _) => name.clone(),
            (None, Some(id)) if !ours => self.rule_name(id),
            _ => return Err("no name and no operationId".into()),
        };
        let group = match &entry.group {
            Some(group) => group.clone(),
            None => self
                .rule_group(&path)
                .ok_or("no group: add the path to `scope.groups` or give one")?,
        };
        let method = entry
            .operation
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_owned();
        let mut args = Vec::new();
        let parameters: Vec<&Parameter> = spec
            .parameters
            .iter()
            .filter_map(ReferenceOr::as_item)
            .collect();
        // Path parameters, in the path's order.
        for placeholder in placeholders(&path) {
            let overlay = entry
                .params
                .get(&placeholder)
                .or_else(|| self.overlay.params.get(&placeholder))
                .cloned()
                .unwrap_or_default();
            let name = overlay
                .name
                .clone()
                .unwrap_or_else(|| placeholder.to_snake_case());
            let what = overlay
                .what
                .clone()
                .or_else(|| {
                    self.overlay
                        .params
                        .get(&placeholder)
                        .and_then(|p| p.what.clone())
                })
                .unwrap_or_else(|| name.replace('_', " "));
            args.push(Arg {
                name,
                ty: Ty::String,
                optional: false,
                kind: ArgKind::Path {
                    placeholder,
                    check: overlay.check.clone(),
                    what,
                },
            });
        }
        for wire in entry.query.keys() {
            let declared = parameters.iter().any(|p| {
                matches!(p, Parameter::Query { parameter_data, .. } if &parameter_data.name == wire)
            });
            if !declared {
                return Err(format!("query parameter {wire} is not in the description"));
            }
        }
        // Every query parameter of the spec, unless the overlay lists the ones offered.
        let listed_only = match entry.queries.as_deref() {
            None => false,
            Some("listed") => true,
            Some(other) => return Err(format!("queries = {other:?}: want \"listed\"")),
        };
        let mut queries: Vec<(String, QueryOverlay, Ty)> = Vec::new();
        for parameter in &parameters {
            let Parameter::Query { parameter_data, .. } = parameter else {
                continue;
            };
            let wire = &parameter_data.name;
            let query = match entry.query.get(wire) {
                Some(query) => query.clone(),
                None if listed_only => continue,
                None => QueryOverlay::default(),
            };
            let spec_ty = match &parameter_data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                    match resolve(self.document(ours), schema).map(|s| &s.schema_kind) {
                        Some(SchemaKind::Type(Type::Integer(_))) => Ty::I32,
                        Some(SchemaKind::Type(Type::Boolean(_))) => Ty::Bool,
                        _ => Ty::String,
                    }
                }
                _ => Ty::String,
            };
            queries.push((wire.clone(), query, spec_ty));
        }
        for (wire, query, spec_ty) in &queries {
            let ty = match &query.ty {
                Some(text) => Ty::parse(text)?,
                None => spec_ty.clone(),
            };
            args.push(Arg {
                name: query.name.clone().unwrap_or_else(|| wire.to_snake_case()),
                ty,
                optional: true,
                kind: ArgKind::Query {
                    wire: wire.clone(),
                    check: query.check.clone(),
                },
            });
        }
        if let Some(body) = &entry.body {
            match spec.request_body.as_ref().and_then(ReferenceOr::as_item) {
                Some(spec_body) if !body.undescribed => {
                    self.body(body, Some(spec_body), ours, &mut args)?
                }
                None if body.undescribed => self.body(body, None, ours, &mut args)?,
                Some(_) => return Err("`undescribed` on a body the description has".into()),
                None => return Err("a body where the description has none (`undescribed`)".into()),
            }
        } else if let Some(spec_body) = spec.request_body.as_ref().and_then(ReferenceOr::as_item) {
            // A record of the body's schema, which the caller builds.
            let schema = spec_body
                .content
                .get("application/json")
                .and_then(|media| media.schema.as_ref());
            let object = schema
                .and_then(|schema| resolve(self.document(ours), schema))
                .is_some_and(|s| matches!(&s.schema_kind, SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty()));
            match schema {
                Some(ReferenceOr::Reference { reference }) if object => {
                    let ty = self.input_for(ours, schema_name(reference));
                    args.push(Arg {
                        name: if method == "POST" { "new" } else { "update" }.into(),
                        ty,
                        optional: false,
                        kind: ArgKind::Body { build: None },
                    });
                }
                _ => {
                    return Err(
                        "the description's body is not a schema with properties: say in the \
                         overlay what the API takes"
                            .into(),
                    );
                }
            }
        }
        for arg in &args {
            if let Some(language) = keyword(&arg.name) {
                return Err(format!(
                    "argument {} is a keyword of {language}: name it in the overlay",
                    arg.name
                ));
            }
        }
        // Optional arguments last, where every language can give them a default.
        args.sort_by_key(|arg| arg.optional);
        let answer = match &entry.answer {
            Some(AnswerOverlay { ty, parse, .. }) if ty == "none" => {
                if parse.is_some() {
                    return Err("an ignored answer has nothing to parse".into());
                }
                Answer::Nothing
            }
            Some(AnswerOverlay {
                ty,
                parse: Some(parse),
                ..
            }) => {
                let (text, optional) = match ty.strip_suffix('?') {
                    Some(inner) => (inner, true),
                    None => (ty.as_str(), false),
                };
                let ty = Ty::parse(text)?;
                self.queue_named(&ty);
                Answer::Parsed {
                    ty,
                    optional,
                    parse: parse.clone(),
                }
            }
            // A correction: the description gives no schema (or a wrong one) for the answer.
            Some(AnswerOverlay {
                ty, parse: None, ..
            }) => {
                let ty = Ty::parse(ty)?;
                self.queue_named(&ty);
                Answer::Json(ty)
            }
            None => self.answer(spec, ours)?,
        };
        if entry.absent_on.is_some() && !matches!(answer, Answer::Parsed { optional: true, .. }) {
            return Err("`absent_on` needs an optional answer".into());
        }
        // The spec's summary, else the operationId in words (`List application tags`).
        let doc = entry
            .doc
            .clone()
            .or_else(|| spec.summary.clone())
            .or_else(|| {
                let id = spec.operation_id.as_deref()?;
                let mut words = self.rule_words(id);
                if let Some(first) = words.get_mut(0) {
                    *first = first[..1].to_uppercase() + &first[1..];
                }
                Some(words.join(" "))
            })
            .ok_or("no doc and no summary")?;
        Ok(Operation {
            name,
            method,
            path,
            bridge: spec
                .extensions
                .get("x-cleverkit-host")
                .is_some_and(|host| host == "bridge"),
            doc,
            group,
            args,
            answer,
            absent_on: entry.absent_on.clone(),
            invalid: entry.invalid.clone(),
            clever_client: entry.clever_client.clone(),
            python_sdk: entry.python_sdk.clone(),
        })
    }

    fn body(
        &mut self,
        body: &BodyOverlay,
        spec_body: Option<&RequestBody>,
        ours: bool,
        args: &mut Vec<Arg>,
    ) -> Result<(), String> {
        let schema = match spec_body {
            Some(spec_body) => Some(
                spec_body
                    .content
                    .get("application/json")
                    .and_then(|media| media.schema.as_ref())
                    .ok_or("a body that is not JSON")?,
            ),
            None => None,
        };
        if let Some(fields) = &body.fields {
            // The description's schema must have these properties (or be a bare string, which
            // the overlay corrects).
            let properties = schema
                .and_then(|schema| resolve(self.document(ours), schema))
                .and_then(|s| match &s.schema_kind {
                    SchemaKind::Type(Type::Object(object)) => Some(object.properties.clone()),
                    _ => None,
                });
            for (wire, arg) in fields {
                if let Some(properties) = &properties
                    && !properties.contains_key(wire)
                {
                    return Err(format!("body field {wire} is not in the description"));
                }
                // `name`, `name?` (optional), `name?:boolean` (of a type).
                let (arg, ty) = match arg.split_once(':') {
                    Some((arg, ty)) => (arg, Ty::parse(ty)?),
                    None => (arg.as_str(), Ty::String),
                };
                let (name, optional) = match arg.strip_suffix('?') {
                    Some(name) => (name, true),
                    None => (arg, false),
                };
                args.push(Arg {
                    name: name.to_owned(),
                    ty,
                    optional,
                    kind: ArgKind::BodyField { wire: wire.clone() },
                });
            }
            return Ok(());
        }
        let name = body.arg.clone().ok_or("a body needs `fields` or `arg`")?;
        if let (Some(generics), Some(rust), Some(ffi), Some(to_core), Some(build)) = (
            &body.generics,
            &body.rust,
            &body.ffi,
            &body.to_core,
            &body.build,
        ) {
            let ffi = Ty::parse(ffi)?;
            self.queue_named(&ffi);
            args.push(Arg {
                name,
                ty: ffi.clone(),
                optional: false,
                kind: ArgKind::GenericBody {
                    build: build.clone(),
                    generics: generics.clone(),
                    rust: rust.clone(),
                    ffi,
                    to_core: to_core.clone(),
                    python: body.python.clone(),
                },
            });
            return Ok(());
        }
        let ty = Ty::parse(body.ty.as_deref().ok_or("a body `arg` needs a `type`")?)?;
        self.queue_named(&ty);
        if body.build.is_none() && !matches!(ty, Ty::Named(_)) {
            return Err("a body that is not a record needs a `build` function".into());
        }
        args.push(Arg {
            name,
            ty,
            optional: false,
            kind: ArgKind::Body {
                build: body.build.clone(),
            },
        });
        Ok(())
    }

    /// The answer the description gives: a success's JSON schema; `Message` (the API's "done")
    /// or no schema is nothing worth returning.
    fn answer(&mut self, spec: &SpecOperation, ours: bool) -> Result<Answer, String> {
        let success = spec
            .responses
            .responses
            .iter()
            .find(|(code, _)| matches!(code, StatusCode::Code(200..=299)))
            .map(|(_, response)| response)
            .or(spec.responses.default.as_ref())
            .and_then(ReferenceOr::as_item);
        let schema = success
            .and_then(|response| response.content.get("application/json"))
            .and_then(|media| media.schema.clone());
        match schema {
            None => Ok(Answer::Nothing),
            Some(ReferenceOr::Reference { reference }) if schema_name(&reference) == "Message" => {
                Ok(Answer::Nothing)
            }
            // A bare `string`: the spec does not say what the API answers, so the call returns
            // the answer's JSON text.
            Some(ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Type(Type::String(string)),
                ..
            })) if string.enumeration.is_empty() => Ok(Answer::Parsed {
                ty: Ty::Json,
                optional: false,
                parse: "json_text".into(),
            }),
            Some(schema) => Ok(Answer::Json(self.ty(ours, &schema, "answer")?)),
        }
    }
}

/// Gives every response a `description`: OpenAPI requires one, and 232 responses of the
/// published v2 document have none.
fn describe_responses(document: &mut serde_json::Value) {
    let operations = document
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(serde_json::Value::as_object_mut)
        .flat_map(|item| item.values_mut());
    for operation in operations {
        let responses = operation
            .get_mut("responses")
            .and_then(serde_json::Value::as_object_mut);
        for response in responses.into_iter().flat_map(|r| r.values_mut()) {
            if let Some(response) = response.as_object_mut() {
                response
                    .entry("description")
                    .or_insert_with(|| serde_json::Value::String(String::new()));
            }
        }
    }
}

/// A value of `schema` with every property filled, as the API could send it; `depth` stops
/// schemas that contain themselves.
fn example(document: &OpenAPI, schema: &Schema, depth: usize) -> serde_json::Value {
    use serde_json::{Value, json};
    let nested = |schema: &ReferenceOr<Schema>| match resolve(document, schema) {
        Some(inner) if depth < 6 => example(document, inner, depth + 1),
        _ => Value::Null,
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            let mut filled = serde_json::Map::new();
            for (name, property) in &object.properties {
                let mut value = nested(&property.clone().unbox());
                // A date the spec types as a plain string reads as one (CleverKit reads it as a date).
                if is_date(name) && value == json!("text") {
                    value = json!("2026-12-08T10:00:00Z");
                }
                if !value.is_null() {
                    filled.insert(name.clone(), value);
                }
            }
            if let Some(openapiv3::AdditionalProperties::Schema(values)) =
                &object.additional_properties
            {
                filled.insert("SOME_KEY".into(), nested(values));
            }
            Value::Object(filled)
        }
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            Some(items) => json!([nested(&items.clone().unbox())]),
            None => json!([]),
        },
        SchemaKind::Type(Type::String(string)) => match string.enumeration.first() {
            Some(Some(value)) => json!(value),
            _ => match &string.format {
                openapiv3::VariantOrUnknownOrEmpty::Item(
                    openapiv3::StringFormat::DateTime | openapiv3::StringFormat::Date,
                ) => json!("2026-12-08T10:00:00Z"),
                _ => json!("text"),
            },
        },
        SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
            // A date in epoch milliseconds, as the API sends them.
            openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => {
                json!(1_765_188_000_000_i64)
            }
            _ => json!(2),
        },
        SchemaKind::Type(Type::Number(_)) => json!(1.5),
        SchemaKind::Type(Type::Boolean(_)) => json!(true),
        _ => json!({"any": "value"}),
    }
}

/// The placeholders of a path, in order.
pub fn placeholders(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// A date the API sends as epoch milliseconds or text: `creationDate`, `date`….
fn is_date(wire: &str) -> bool {
    wire == "date" || wire.ends_with("Date")
}

fn looks_secret(wire: &str) -> bool {
    let lower = wire.to_lowercase();
    ["secret", "password", "token", "macaroon", "salt"]
        .iter()
        .any(|word| lower.contains(word))
        && lower != "apitokenid"
}

/// Whether `path` matches `pattern`, whose `*` stands for one segment or more of a path's end
/// (`/organisations/{id}/applications/{appId}/env*`).
fn glob(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => path == pattern,
    }
}

/// Names that are keywords of Rust, Python, Kotlin or Swift, which no argument or field may
/// have (UniFFI escapes some, not all, and callers would have to quote them).
fn keyword(name: &str) -> Option<&'static str> {
    const RUST: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match",
        "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait",
        "true", "try", "type", "unsafe", "use", "where", "while", "yield",
    ];
    const PYTHON: &[&str] = &[
        "and", "assert", "class", "def", "del", "elif", "except", "finally", "from", "global",
        "import", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "with",
    ];
    const KOTLIN: &[&str] = &[
        "fun",
        "interface",
        "null",
        "object",
        "package",
        "this",
        "throw",
        "typealias",
        "typeof",
        "val",
        "var",
        "when",
    ];
    const SWIFT: &[&str] = &[
        "associatedtype",
        "case",
        "default",
        "defer",
        "deinit",
        "extension",
        "fileprivate",
        "func",
        "guard",
        "init",
        "inout",
        "internal",
        "operator",
        "private",
        "protocol",
        "public",
        "repeat",
        "rethrows",
        "subscript",
        "switch",
        "throws",
    ];
    [
        ("Rust", RUST),
        ("Python", PYTHON),
        ("Kotlin", KOTLIN),
        ("Swift", SWIFT),
    ]
    .into_iter()
    .find(|(_, words)| words.contains(&name))
    .map(|(language, _)| language)
}

/// Names of standard types of Kotlin, Swift or Python that a record or enum must not take.
const RESERVED_TYPES: &[&str] = &[
    "Any",
    "Array",
    "Bool",
    "Boolean",
    "Character",
    "Data",
    "Date",
    "Double",
    "Duration",
    "Error",
    "Exception",
    "Float",
    "Instant",
    "Int",
    "List",
    "Long",
    "Map",
    "Nothing",
    "Object",
    "Optional",
    "Package",
    "Pair",
    "Protocol",
    "Range",
    "Result",
    "Set",
    "String",
    "Timestamp",
    "Type",
    "Unit",
    "URL",
    "Url",
    "Void",
];
