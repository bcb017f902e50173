#!/usr/bin/env python3
"""Post-generation step for the Kotlin that UniFFI 0.32 writes (run by scripts/build-ffi.sh).

UniFFI has no option for any of these, and each is a one-token change to a line it generates:

- every `CleverException`'s `message` returns `toString()`, the core's sentence (UniFFI makes it
  a list of the fields: `detail=…, requestId=…`);
- `@JvmStatic` on companion functions, so Java calls `Client.withApiToken(token)`;
- `@JvmOverloads` on every function and constructor with defaulted parameters (records
  included), so Java can leave them out; not on `suspend fun`s, which Java cannot await;
- `@file:JvmName("CleverKit")`: Java calls the top-level functions as `CleverKit.signRequest(…)`;
- records holding a `ByteArray` (`HttpResponse.body`) compare it by content, as a data class
  cannot (a ByteArray's `equals` is identity);
- the callback that wakes a suspended call keeps the Rust worker thread attached to the JVM
  (JNA's `CallbackThreadInitializer` with `detach = false`): by default JNA attaches the thread
  for every callback and detaches it after, which costs more than the rest of the wake-up. JNA
  detaches the thread when it ends.

Each rewrite checks that it found what it expects and stops the build otherwise, so a change in
UniFFI's output is noticed here instead of silently shipping the generated shape; the JUnit tests
(Kotlin and Java) then check the behaviour.
"""
import re
import sys


def fail(what: str) -> None:
    sys.exit(f"jvm-interop.py: {what}; UniFFI's generated Kotlin changed shape, update this step")


def messages(text: str) -> str:
    variants = len(re.findall(r"\) : CleverException\(\) \{", text))
    text, count = re.subn(
        r"(override val message\n\s*get\(\) = )\"[^\n]*\"", r"\1toString()", text
    )
    if variants == 0 or count != variants:
        fail(f"{count} `message` getters rewritten for {variants} CleverException variants")
    return text


def static_factories(text: str) -> str:
    count = 0

    def annotate(block: re.Match) -> str:
        nonlocal count
        body, n = re.subn(r"(?m)^(    (?:@Throws\([^)\n]*\) )?)(fun `)", r"\1@JvmStatic \2", block[0])
        count += n
        return body

    # A companion object is its class's last member; the class's FfiConverter follows it.
    text = re.sub(r"(?ms)^    companion object \{\n.*?(?=^public object FfiConverter)", annotate, text)
    # Every named constructor (not the primary `new`) is a companion function.
    factories = len(re.findall(r"UniffiLib\.uniffi_\w+_fn_constructor_\w+(?<!_new)\(", text))
    if count == 0 or count != factories:
        fail(f"@JvmStatic put on {count} companion functions for {factories} named constructors")
    return text


def method_overloads(text: str) -> str:
    """A method's defaults live on its interface, where @JvmOverloads is refused, and an override
    cannot restate them: the class gets one overload per omittable tail, calling the full method
    (Kotlin prefers an exact overload to filling in defaults, so its callers see no change)."""
    insertions = []
    for interface in re.finditer(r"(?ms)^public interface (\w+)Interface \{\n(.*?)^\}", text):
        added = []
        for signature in re.finditer(r"(?m)^    fun (`\w+`)\((.+)\): ([^\n]+)$", interface[2]):
            method, params, result = signature[1], re.split(r", (?=`)", signature[2]), signature[3]
            parsed = [re.fullmatch(r"(`\w+`): ([^=]+?)(?: = (.*))?", param) for param in params]
            defaulted = [i for i, param in enumerate(parsed) if param[3] is not None]
            for kept in range(defaulted[0], len(params)) if defaulted else ():
                head = ", ".join(f"{p[1]}: {p[2]}" for p in parsed[:kept])
                args = ", ".join(p[1] if i < kept else p[3] for i, p in enumerate(parsed))
                added.append(
                    f"    @Throws(CleverException::class) fun {method}({head}): {result} = {method}({args})\n"
                )
        if added:
            start = text.index(f"open class {interface[1]}: ")
            anchor = text.index("\n    companion object", start)
            insertions.append((anchor, added))
    if not insertions:
        fail("no interface method with defaults found for Java overloads")
    for anchor, added in sorted(insertions, reverse=True):
        block = "\n    // Java's overloads of the defaulted methods (added by bindings/kotlin/jvm-interop.py).\n"
        text = text[:anchor] + block + "".join(added) + text[anchor:]
    return text


def overloads(text: str) -> str:
    # Functions and secondary constructors outside interfaces: each signature is on one line.
    text, functions = re.subn(
        r"(?m)^((?:    |        )?(?:@Throws\([^)\n]*\) ?)?(?:@JvmStatic )?)((?:fun `\w+`|constructor)\([^\n]* = [^\n]*\)[^\n]*[{:]$)",
        r"\1@JvmOverloads \2",
        text,
    )

    records = 0

    def record(match: re.Match) -> str:
        nonlocal records
        if not re.search(r"(?m)^    va[rl] `\w+`: [^\n]* = ", match[2]):
            return match[0]
        records += 1
        return f"data class {match[1]} @JvmOverloads constructor(" + match[2]

    text = re.sub(r"(?s)data class (\w+) \((.*?\n\)\{)", record, text)
    if functions == 0 or records == 0:
        fail(f"@JvmOverloads found {functions} functions and {records} records with defaults")
    interfaces = "".join(m[0] for m in re.finditer(r"(?ms)^public interface \w+ \{\n.*?^\}", text))
    # A suspend fun (loginWithLoopbackAsync, AsyncClient's calls) takes a hidden Continuation:
    # Java cannot await it, so it gets no overloads; Java uses the blocking functions.
    missed = [
        line
        for line in re.findall(r"(?m)^.*(?:fun `\w+`|constructor)\([^\n]*`: [^\n,()]+ = [^\n]*$", text)
        if "@JvmOverloads" not in line and line not in interfaces and "suspend fun `" not in line
    ]
    if missed:
        fail(f"defaulted parameters left without Java overloads: {missed}")
    return text


def file_name(text: str) -> str:
    text, count = re.subn(
        r"(?m)^(@file:Suppress\([^\n]*\)\n)", r'\1@file:JvmName("CleverKit")\n', text, count=1
    )
    if count != 1:
        fail("no @file:Suppress line to put @file:JvmName after")
    return text


def byte_array_equality(text: str) -> str:
    count = 0

    def record(match: re.Match) -> str:
        nonlocal count
        name, fields = match[1], re.findall(r"(?m)^    va[rl] `(\w+)`: ([^\n=]+?)\s*(?:=[^\n]*)?$", match[2])
        if not any(kind.startswith("kotlin.ByteArray") for _, kind in fields):
            return match[0]
        count += 1

        def same(field: str, kind: str) -> str:
            if kind.startswith("kotlin.ByteArray"):
                return f"`{field}`.contentEquals(other.`{field}`)"
            return f"`{field}` == other.`{field}`"

        def hashed(field: str, kind: str) -> str:
            return f"`{field}`.contentHashCode()" if kind.startswith("kotlin.ByteArray") else f"`{field}`"

        equals = " &&\n            ".join(same(f, k) for f, k in fields)
        hashes = ", ".join(hashed(f, k) for f, k in fields)
        return (
            match[0]
            + "\n    /** Byte arrays compare by content (added by bindings/kotlin/jvm-interop.py). */\n"
            + f"    override fun equals(other: Any?): Boolean =\n        other is {name} &&\n            {equals}\n\n"
            + f"    override fun hashCode(): Int = listOf({hashes}).hashCode()\n"
        )

    text = re.sub(r"(?s)data class (\w+) [^(\n]*\((.*?\n)\)\{", record, text)
    if count == 0:
        fail("no record with a ByteArray field (HttpResponse.body) found")
    return text


def attached_wakers(text: str) -> str:
    opening = (
        "internal object uniffiRustFutureContinuationCallbackImpl: "
        "UniffiRustFutureContinuationCallback {\n"
    )
    if text.count(opening) != 1:
        fail("no single uniffiRustFutureContinuationCallbackImpl object found")
    keep_attached = (
        "    init {\n"
        "        com.sun.jna.Native.setCallbackThreadInitializer(\n"
        "            this, com.sun.jna.CallbackThreadInitializer(true, false)\n"
        "        )\n"
        "    }\n"
    )
    return text.replace(opening, opening + keep_attached)


def main() -> None:
    (path,) = sys.argv[1:]
    with open(path, encoding="utf-8") as source:
        text = source.read()
    for step in (
        messages,
        static_factories,
        method_overloads,
        overloads,
        file_name,
        byte_array_equality,
        attached_wakers,
    ):
        text = step(text)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
