//! `cleverkit-codegen`: writes every typed call and model from the API's description
//! (`core/api`: Clever Cloud's published v2 OpenAPI document, ours for the v4 and bridge
//! operations, and the overlay) into core, the FFI, the Python stub and the READMEs.
//!
//! `cargo run -p cleverkit-codegen` rewrites the generated files; with `--check` it writes
//! nothing and fails, naming them, when any differs from what it would write (CI runs that).

mod description;
mod docs;
mod python;
mod rust;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

/// A file to write, whole or between two marker lines of a hand-written file.
struct Output {
    path: &'static str,
    text: String,
    /// Rust: formatted by rustfmt, as `cargo fmt` would.
    rust: bool,
    /// The markers that bound the generated part of a hand-written file.
    between: Option<(&'static str, &'static str)>,
}

fn rustfmt(text: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(text.as_bytes())
        .map_err(|e| format!("rustfmt: {e}"))?;
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt refused the generated code:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt: {e}"))
}

/// `current` with the part between the markers replaced by `generated`.
fn splice(current: &str, (start, end): (&str, &str), generated: &str) -> Result<String, String> {
    let begin = current
        .find(start)
        .ok_or_else(|| format!("no marker {start:?}"))?;
    let after_start = begin + start.len();
    let finish = current[after_start..]
        .find(end)
        .ok_or_else(|| format!("no marker {end:?}"))?
        + after_start;
    Ok(format!(
        "{}\n{}{}",
        &current[..after_start],
        generated,
        &current[finish..]
    ))
}

fn run(root: &Path, check: bool) -> Result<Vec<PathBuf>, String> {
    let api = description::read(&root.join("core/api"))?;
    let outputs = vec![
        Output {
            path: "core/src/generated/models.rs",
            text: rust::core_models(&api),
            rust: true,
            between: None,
        },
        Output {
            path: "core/src/generated/endpoints.rs",
            text: rust::core_endpoints(&api),
            rust: true,
            between: None,
        },
        Output {
            path: "core/src/generated/examples.rs",
            text: rust::core_examples(&api),
            rust: true,
            between: None,
        },
        Output {
            path: "core/src/generated/calls.rs",
            text: rust::core_calls(&api),
            rust: true,
            between: None,
        },
        Output {
            path: "bindings/ffi/src/generated/calls.rs",
            text: rust::ffi_calls(&api),
            rust: true,
            between: None,
        },
        Output {
            path: "bindings/ffi/src/generated/models.rs",
            text: rust::ffi_models(&api),
            rust: true,
            between: None,
        },
    ];
    let mut outputs = outputs;
    outputs.extend(python::outputs(&api));
    outputs.extend(docs::outputs(&api));
    let mut stale = Vec::new();
    for output in outputs {
        let path = root.join(output.path);
        let mut text = if output.rust {
            rustfmt(&output.text).map_err(|e| format!("{}: {e}", output.path))?
        } else {
            output.text
        };
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(markers) = output.between {
            text = splice(&current, markers, &text).map_err(|e| format!("{}: {e}", output.path))?;
        }
        if current != text {
            stale.push(path.clone());
            if !check {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(stale)
}

fn main() -> ExitCode {
    let check = std::env::args().any(|arg| arg == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if std::env::args().any(|arg| arg == "--list") {
        // Every typed call: name, request and group, one a line.
        return match description::read(&root.join("core/api")) {
            Ok(api) => {
                for operation in &api.operations {
                    println!(
                        "{}\t{} {}\t{}",
                        operation.name, operation.method, operation.path, operation.group
                    );
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("cleverkit-codegen: {error}");
                ExitCode::FAILURE
            }
        };
    }
    match run(&root, check) {
        Ok(stale) if check && !stale.is_empty() => {
            eprintln!("cleverkit-codegen: these generated files differ from the description:");
            for path in stale {
                eprintln!("  {}", path.strip_prefix(&root).unwrap_or(&path).display());
            }
            eprintln!("Run `cargo run -p cleverkit-codegen` and commit the result.");
            ExitCode::FAILURE
        }
        Ok(stale) => {
            if !check {
                for path in stale {
                    println!(
                        "wrote {}",
                        path.strip_prefix(&root).unwrap_or(&path).display()
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cleverkit-codegen: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splicing_replaces_only_what_is_between_the_markers() {
        let markers = ("<!-- start -->", "<!-- end -->");
        let file = "before\n<!-- start -->\nold\n<!-- end -->\nafter\n";
        assert_eq!(
            splice(file, markers, "new\n").unwrap(),
            "before\n<!-- start -->\nnew\n<!-- end -->\nafter\n"
        );
        assert!(splice("no markers", markers, "new\n").is_err());
    }

    #[test]
    fn the_committed_files_are_what_the_description_gives() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let stale = run(&root, true).unwrap();
        assert!(stale.is_empty(), "regenerate: {stale:?}");
    }

    #[test]
    fn overlay_types_read_as_written() {
        use description::Ty;
        assert_eq!(
            Ty::parse("[EnvironmentVariable]").unwrap(),
            Ty::List(Box::new(Ty::Named("EnvironmentVariable".into())))
        );
        assert_eq!(Ty::parse("int64").unwrap(), Ty::I64);
        assert!(Ty::parse("uuid").is_err());
    }
}
