//! The Python stub's typed calls and records (`bindings/python/src/cleverkit/__init__.pyi`),
//! written between marker lines of the hand-written stub.

use std::fmt::Write;

use heck::ToShoutySnakeCase;

use crate::Output;
use crate::description::{Answer, Api, Arg, ArgKind, Model, Operation, Ty};

const STUB: &str = "bindings/python/src/cleverkit/__init__.pyi";

/// A type as the stub spells it; `frozen`: inside a frozen record, whose lists are tuples.
fn python_ty(ty: &Ty, frozen: bool) -> String {
    match ty {
        Ty::String | Ty::Json => "str".into(),
        Ty::I32 | Ty::I64 => "int".into(),
        Ty::F64 => "float".into(),
        Ty::Bool => "bool".into(),
        Ty::Time => "datetime.datetime".into(),
        Ty::Map => "dict[str, str]".into(),
        Ty::Named(name) => name.clone(),
        Ty::List(inner) if frozen => format!("tuple[{}, ...]", python_ty(inner, frozen)),
        Ty::List(inner) => format!("list[{}]", python_ty(inner, frozen)),
    }
}

fn answer(answer: &Answer) -> String {
    match answer {
        Answer::Json(ty) => python_ty(ty, false),
        Answer::Nothing => "None".into(),
        Answer::Parsed { ty, optional, .. } => {
            let ty = python_ty(ty, false);
            if *optional {
                format!("{ty} | None")
            } else {
                ty
            }
        }
    }
}

fn parameter(arg: &Arg, protocol: bool) -> String {
    let ty = match &arg.kind {
        ArgKind::GenericBody {
            python: Some(python),
            ..
        } if !protocol => python.clone(),
        ArgKind::GenericBody { ffi, .. } => python_ty(ffi, false),
        _ => python_ty(&arg.ty, false),
    };
    if arg.optional {
        let default = if protocol { "..." } else { "None" };
        format!("{}: {ty} | None = {default}", arg.name)
    } else {
        format!("{}: {ty}", arg.name)
    }
}

/// One method, on one line when it fits in 100 columns, else one parameter a line.
fn method(out: &mut String, operation: &Operation, asynchronous: bool, protocol: bool) {
    let keyword = if asynchronous { "async def" } else { "def" };
    let mut parameters = vec!["self".to_owned()];
    parameters.extend(operation.args.iter().map(|arg| parameter(arg, protocol)));
    let returned = answer(&operation.answer);
    let line = format!(
        "    {keyword} {}({}) -> {returned}: ...",
        operation.name,
        parameters.join(", ")
    );
    if line.len() <= 100 {
        let _ = writeln!(out, "{line}");
    } else {
        let _ = writeln!(out, "    {keyword} {}(", operation.name);
        for parameter in parameters {
            let _ = writeln!(out, "        {parameter},");
        }
        let _ = writeln!(out, "    ) -> {returned}: ...");
    }
}

fn calls(api: &Api, asynchronous: bool, protocol: bool) -> String {
    let mut operations: Vec<&Operation> = api.operations.iter().collect();
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = String::new();
    for operation in operations {
        method(&mut out, operation, asynchronous, protocol);
    }
    out
}

/// A model that carries a secret: an object whose methods give its fields (UniFFI's class and
/// its protocol).
fn secret_object(out: &mut String, model: &Model) {
    let mut methods = String::new();
    for field in &model.fields {
        let ty = python_ty(&field.ty, false);
        let ty = match (&field.ty, field.required) {
            (Ty::List(_), _) | (_, true) => ty,
            (_, false) => format!("{ty} | None"),
        };
        let _ = writeln!(methods, "    def {}(self) -> {ty}: ...", field.name);
    }
    let _ = writeln!(out, "class {}Protocol(Protocol):\n{methods}", model.name);
    let _ = writeln!(out, "class {0}({0}Protocol):\n{methods}", model.name);
}

fn record(out: &mut String, model: &Model) {
    if model.secret {
        return secret_object(out, model);
    }
    let frozen = !model.input;
    if frozen {
        out.push_str("@dataclass(frozen=True, kw_only=True)\n");
    } else {
        out.push_str("@dataclass(kw_only=True)\n");
    }
    let _ = writeln!(out, "class {}:", model.name);
    for field in &model.fields {
        let ty = python_ty(&field.ty, frozen);
        let declared = match (&field.ty, field.required, &field.default) {
            (_, _, Some(toml::Value::String(text))) => format!("{ty} = {text:?}"),
            (_, _, Some(toml::Value::Array(_))) => format!("{ty} = []"),
            (_, _, Some(value)) => format!("{ty} = {value}"),
            (Ty::List(_), _, None) if frozen => ty,
            (_, true, None) => ty,
            (_, false, None) if model.input => format!("{ty} | None = None"),
            (_, false, None) => format!("{ty} | None"),
        };
        let _ = writeln!(out, "    {}: {declared}", field.name);
    }
    out.push('\n');
}

fn records(api: &Api) -> String {
    let mut out = String::new();
    for model in &api.models {
        record(&mut out, model);
    }
    for definition in &api.enums {
        let _ = writeln!(out, "class {}(enum.Enum):", definition.name);
        let variants = definition
            .values
            .iter()
            .map(|(_, variant)| variant.as_str())
            .chain(["Unknown"]);
        for (index, variant) in variants.enumerate() {
            let _ = writeln!(out, "    {} = {index}", variant.to_shouty_snake_case());
        }
        out.push('\n');
    }
    out
}

fn block(text: String, start: &'static str, end: &'static str) -> Output {
    Output {
        path: STUB,
        text,
        rust: false,
        between: Some((start, end)),
    }
}

/// The records a caller builds, which stay mutable (`_records.py` reads this).
fn inputs(api: &Api) -> String {
    let names: Vec<String> = api
        .models
        .iter()
        .filter(|model| model.input)
        .map(|model| format!("{:?}", model.name))
        .collect();
    format!(
        "# @generated by cleverkit-codegen from core/api (the API's description): do not edit.\n\
         # Regenerate with `cargo run -p cleverkit-codegen`; CI fails when this file differs.\n\
         \"\"\"The records of the API's description that callers build: they stay mutable.\"\"\"\n\n\
         INPUT_RECORDS = frozenset({{{}}})\n",
        names.join(", ")
    )
}

pub fn outputs(api: &Api) -> Vec<Output> {
    vec![
        Output {
            path: "bindings/python/src/cleverkit/_described.py",
            text: inputs(api),
            rust: false,
            between: None,
        },
        block(
            records(api),
            "# @generated by cleverkit-codegen: the records of core/api",
            "# @generated end: the records",
        ),
        block(
            calls(api, false, true),
            "    # @generated by cleverkit-codegen: ClientProtocol's calls",
            "    # @generated end: ClientProtocol's calls",
        ),
        block(
            calls(api, false, false),
            "    # @generated by cleverkit-codegen: Client's calls",
            "    # @generated end: Client's calls",
        ),
        block(
            calls(api, true, true),
            "    # @generated by cleverkit-codegen: AsyncClientProtocol's calls",
            "    # @generated end: AsyncClientProtocol's calls",
        ),
        block(
            calls(api, true, false),
            "    # @generated by cleverkit-codegen: AsyncClient's calls",
            "    # @generated end: AsyncClient's calls",
        ),
    ]
}
