//! The READMEs' tables of typed calls, one per language, written between marker lines.

use std::fmt::Write;

use heck::ToLowerCamelCase;

use crate::Output;
use crate::description::{Answer, Api, Arg, ArgKind, Operation, Ty};

/// How a language spells names and types.
#[derive(Clone, Copy)]
enum Language {
    /// Rust and Python share the names; types are Python's, which both readers know.
    RustPython,
    Kotlin,
    Swift,
}

impl Language {
    fn name(self, name: &str) -> String {
        match self {
            Language::RustPython => name.to_owned(),
            Language::Kotlin | Language::Swift => name.to_lower_camel_case(),
        }
    }

    fn ty(self, ty: &Ty) -> String {
        match (self, ty) {
            (_, Ty::Named(name)) => name.clone(),
            (Language::RustPython, Ty::List(inner)) => format!("list[{}]", self.ty(inner)),
            (Language::Kotlin, Ty::List(inner)) => format!("List<{}>", self.ty(inner)),
            (Language::Swift, Ty::List(inner)) => format!("[{}]", self.ty(inner)),
            (Language::RustPython, Ty::String | Ty::Json) => "str".into(),
            (Language::RustPython, Ty::I32 | Ty::I64) => "int".into(),
            (Language::RustPython, Ty::F64) => "float".into(),
            (Language::RustPython, Ty::Bool) => "bool".into(),
            (Language::RustPython, Ty::Time) => "datetime".into(),
            (Language::RustPython, Ty::Map) => "dict[str, str]".into(),
            (Language::Kotlin, Ty::String | Ty::Json) => "String".into(),
            (Language::Kotlin, Ty::I32) => "Int".into(),
            (Language::Kotlin, Ty::I64) => "Long".into(),
            (Language::Kotlin, Ty::F64) => "Double".into(),
            (Language::Kotlin, Ty::Bool) => "Boolean".into(),
            (Language::Kotlin, Ty::Time) => "Instant".into(),
            (Language::Kotlin, Ty::Map) => "Map<String, String>".into(),
            (Language::Swift, Ty::String | Ty::Json) => "String".into(),
            (Language::Swift, Ty::I32) => "Int32".into(),
            (Language::Swift, Ty::I64) => "Int64".into(),
            (Language::Swift, Ty::F64) => "Double".into(),
            (Language::Swift, Ty::Bool) => "Bool".into(),
            (Language::Swift, Ty::Time) => "Date".into(),
            (Language::Swift, Ty::Map) => "[String: String]".into(),
        }
    }

    fn optional(self, ty: String) -> String {
        match self {
            Language::RustPython => format!("{ty} \\| None"),
            Language::Kotlin | Language::Swift => format!("{ty}?"),
        }
    }

    fn nothing(self) -> &'static str {
        match self {
            Language::RustPython => "None",
            Language::Kotlin => "Unit",
            Language::Swift => "Void",
        }
    }

    fn argument(self, arg: &Arg) -> String {
        let name = self.name(&arg.name);
        let shown = match &arg.kind {
            ArgKind::Body { .. } if matches!(arg.ty, Ty::Named(_)) => {
                format!("{name}: {}", self.ty(&arg.ty))
            }
            _ => name,
        };
        match (self, arg.optional) {
            (Language::Swift, false) => format!("{}:", self.name(&arg.name)),
            (Language::Swift, true) => format!("{}: = nil", self.name(&arg.name)),
            (_, true) => format!("{shown} = {}", self.nothing_default()),
            (_, false) => shown,
        }
    }

    fn nothing_default(self) -> &'static str {
        match self {
            Language::RustPython => "None",
            Language::Kotlin => "null",
            Language::Swift => "nil",
        }
    }

    fn call(self, operation: &Operation) -> String {
        let arguments: Vec<String> = operation
            .args
            .iter()
            .map(|arg| self.argument(arg))
            .collect();
        match self {
            Language::Swift => format!("{}({})", self.name(&operation.name), arguments.concat()),
            _ => format!("{}({})", self.name(&operation.name), arguments.join(", ")),
        }
    }

    fn answer(self, answer: &Answer) -> String {
        match answer {
            Answer::Json(ty) => self.ty(ty),
            Answer::Nothing => self.nothing().into(),
            Answer::Parsed {
                ty, optional: true, ..
            } => self.optional(self.ty(ty)),
            Answer::Parsed { ty, .. } => self.ty(ty),
        }
    }
}

fn request(operation: &Operation) -> String {
    let bridge = if operation.bridge { " (bridge)" } else { "" };
    format!("`{} {}`{bridge}", operation.method, operation.path)
}

fn table(api: &Api, language: Language, with_clients: bool) -> String {
    let mut out = String::new();
    let ours = api.operations.len() - api.typed;
    let _ = writeln!(
        out,
        "Operations typed: **{}/{}** of Clever Cloud's v2 description (the count: every operation but \
         the login flows, `/users`, `/vendor`, `/application/…`, the deprecated ones, each `/self/…` \
         one folded into its `/organisations/{{id}}/…` twin), and {ours} of ours (v4 and bridge).\n",
        api.typed, api.scope
    );
    if with_clients {
        out.push_str(
            "| call | request | answer | clever-client.js | Python SDK |\n| --- | --- | --- | --- | --- |\n",
        );
    } else {
        out.push_str("| call | request | answer |\n| --- | --- | --- |\n");
    }
    let mut group = "";
    for operation in &api.operations {
        if operation.group != group {
            group = &operation.group;
            let columns = if with_clients { " | | | |" } else { " | |" };
            let _ = writeln!(out, "| **{group}** |{columns}");
        }
        let _ = write!(
            out,
            "| `{}` | {} | `{}` |",
            language.call(operation),
            request(operation),
            language.answer(&operation.answer)
        );
        if with_clients {
            let _ = write!(
                out,
                " {} | {} |",
                operation.clever_client.as_deref().unwrap_or(""),
                operation.python_sdk.as_deref().unwrap_or("")
            );
        }
        out.push('\n');
    }
    if with_clients {
        out.push_str("\nWritten by hand (no description can say it):\n\n");
        for (operation, reason) in &api.handwritten {
            let (call, why) = reason.split_once(": ").unwrap_or((reason, ""));
            let _ = writeln!(out, "- `{call}` (`{operation}`): {why}.");
        }
        let _ = writeln!(
            out,
            "\nLeft out ({}, each with the reason; `request` and `request_json` still reach them):\n",
            api.left_out.len()
        );
        for (operation, reason) in &api.left_out {
            let _ = writeln!(out, "- `{operation}`: {reason}.");
        }
    }
    out
}

fn block(path: &'static str, text: String) -> Output {
    Output {
        path,
        text,
        rust: false,
        between: Some((
            "<!-- @generated by cleverkit-codegen from core/api: the typed calls -->",
            "<!-- @generated end: the typed calls -->",
        )),
    }
}

pub fn outputs(api: &Api) -> Vec<Output> {
    vec![
        block("README.md", table(api, Language::RustPython, true)),
        block(
            "bindings/python/README.md",
            table(api, Language::RustPython, false),
        ),
        block(
            "bindings/kotlin/README.md",
            table(api, Language::Kotlin, false),
        ),
        block(
            "bindings/swift/README.md",
            table(api, Language::Swift, false),
        ),
    ]
}
