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

- issue 22, for Java: `@Throws(CleverException::class)` wherever a call can throw it, no
  overload passing a token without its secret, `CompletableFuture` forms of AsyncClient's calls,
  builders for records with defaults, one behaviour after `close()` and `shutdown()`, the
  plumbing out of the public classes, and no `java.lang.ref.Cleaner` thread per class loader.

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


DECLARATION = re.compile(
    r"(?m)^(?P<lead>[ \t]*(?:\*/)?)(?P<mods>(?:@[\w.]+(?:\([^)\n]*\))? ?)*(?:(?:public|internal|private|protected|override|open|suspend) )*)(?P<kind>fun\b|constructor\()"
)


def declared_throws(text: str) -> str:
    """Every function or constructor whose body can throw a `CleverException` declares it, so
    that Java's `catch (CleverException e)` compiles: UniFFI leaves it off the constructors
    (`OAuth1Credentials(…)`, `OAuthDance(…)`). @JvmOverloads copies it to each overload."""
    calls = [m.start() for m in re.finditer(r"uniffiRustCallWithError\(CleverException\)|CleverException\.ErrorHandler,", text)]
    if not calls:
        fail("no call checked against CleverException found")
    declarations = list(DECLARATION.finditer(text))
    missing = {}
    for call in calls:
        owner = None
        for declaration in declarations:
            if declaration.start() > call:
                break
            owner = declaration
        if owner is None:
            fail("a CleverException call outside any function")
        line_start = text.rfind("\n", 0, owner.start("kind")) + 1
        annotated = "@Throws(" in text[line_start:owner.end()]
        for line in reversed(text[:line_start].split("\n")[:-1]):  # the annotation lines above
            if not line.strip().startswith("@"):
                break
            annotated = annotated or line.strip().startswith("@Throws(")
        if not annotated:
            missing[owner.start()] = owner
    for start in sorted(missing, reverse=True):
        at = missing[start].start("mods")
        text = text[:at] + "@Throws(CleverException::class) " + text[at:]
    if not re.search(r"@Throws\(CleverException::class\) @JvmOverloads constructor\(", text):
        fail("no constructor throwing CleverException found to annotate (OAuth1Credentials)")
    return text


def paired_secrets(text: str) -> str:
    """A parameter and its secret (`token`, `tokenSecret`) are given together or not at all: Java
    gets no overload that passes one without the other (`OAuth1Credentials(key, secret, token)`
    could only fail). Such a constructor gets its overloads written out instead of @JvmOverloads."""
    count = 0

    def rewrite(match: re.Match) -> str:
        nonlocal count
        lead, params, rest = match[1], match[2], match[3]
        parsed = [re.fullmatch(r"(`(\w+)`): ([^=]+?)(?: = (.*))?", p) for p in re.split(r", (?=`)", params)]
        if any(p is None for p in parsed):
            return match[0]
        names = [p[2] for p in parsed]
        pairs = {i for i, name in enumerate(names) if i + 1 < len(names) and names[i + 1] == name + "Secret"}
        if not pairs:
            return match[0]
        defaulted = [i for i, p in enumerate(parsed) if p[4] is not None]
        if not defaulted:
            return match[0]
        count += 1
        added = []
        for kept in range(defaulted[0], len(parsed)):
            if kept - 1 in pairs:  # the cut would fall between a parameter and its secret
                continue
            head = ", ".join(f"{p[1]}: {p[3]}" for p in parsed[:kept])
            args = ", ".join(p[1] if i < kept else p[4] for i, p in enumerate(parsed))
            added.append(f"{lead}@Throws(CleverException::class) constructor({head}) : this({args})\n")
        overloads = "".join(added)
        note = f"{lead}// Java's overloads, none passing a parameter without its secret (bindings/kotlin/jvm-interop.py).\n"
        return note + overloads + lead + "@Throws(CleverException::class) constructor(" + params + rest

    text = re.sub(
        r"(?m)^(    )@Throws\(CleverException::class\) @JvmOverloads constructor\(([^\n]*)(\) :\n)", rewrite, text
    )
    if count == 0:
        fail("no constructor with a parameter and its secret (OAuth1Credentials' token, tokenSecret) found")
    return text


def java_futures(text: str) -> str:
    """`AsyncClient`'s calls as `CompletableFuture`s for Java: for each `suspend fun name(…)` of
    AsyncClientInterface, `fun nameFuture(…)` (same defaults, @JvmOverloads) launched with
    kotlinx.coroutines.future on a scope the client owns, resumed on the JDK's common ForkJoinPool (as `supplyAsync`;
    no thread of the library's own, which would pin its class loader);
    cancelling the future cancels the coroutine, so the call stops in the core as a cancelled
    suspend call does. A call returning nothing completes a `CompletableFuture<Void>` with null."""
    interface = re.search(r"(?ms)^public interface AsyncClientInterface \{\n(.*?)^\}", text)
    if not interface:
        fail("no AsyncClientInterface found")
    added = []
    for signature in re.finditer(r"(?m)^    suspend fun (`\w+`)\(([^\n]*)\)(?:: ([^\n]+))?$", interface[1]):
        method, params, result = signature[1], signature[2], (signature[3] or "").strip()
        parsed = [re.fullmatch(r"(`\w+`): ([^=]+?)(?: = (.*))?", p) for p in re.split(r", (?=`)", params)] if params else []
        if any(p is None for p in parsed):
            fail(f"cannot read the parameters of AsyncClient.{method}: {params}")
        name = method.strip("`") + "Future"
        args = ", ".join(p[1] for p in parsed)
        jvm = "@JvmOverloads " if any(p[3] is not None for p in parsed) else ""
        if result in ("", "Unit", "kotlin.Unit"):
            kind, body = "Void?", f"{{ {method}({args}); null }}"
        else:
            kind, body = result, f"{{ {method}({args}) }}"
        added.append(
            f"    /** [{method.strip('`')}] for Java: cancelling the future cancels the call. */\n"
            f"    {jvm}fun `{name}`({params}): java.util.concurrent.CompletableFuture<{kind}> =\n"
            f"        uniffiFutureScope.future<{kind}> {body}\n"
        )
    if len(added) < 10:
        fail(f"only {len(added)} suspend funs found in AsyncClientInterface")
    start = text.index("open class AsyncClient: ")
    anchor = text.index("\n    companion object", start)
    block = (
        "\n    // CompletableFuture forms of the suspend funs, for Java (added by bindings/kotlin/jvm-interop.py).\n"
        "    private val uniffiFutureScope = kotlinx.coroutines.CoroutineScope(\n"
        "        kotlinx.coroutines.SupervisorJob() +\n"
        "            java.util.concurrent.ForkJoinPool.commonPool().asCoroutineDispatcher()\n"
        "    )\n"
        + "".join(added)
    )
    text = text[:anchor] + block + text[anchor:]
    if "\nimport kotlinx.coroutines.launch\n" not in text:
        fail("no `import kotlinx.coroutines.launch` to put the future import after")
    return text.replace(
        "\nimport kotlinx.coroutines.launch\n", "\nimport kotlinx.coroutines.launch\nimport kotlinx.coroutines.asCoroutineDispatcher\nimport kotlinx.coroutines.future.future\n", 1
    )


def builders(text: str) -> str:
    """Records with default values get a `Builder` for Java (`new ClientOptions.Builder()
    .workerThreads(4).build()`): one setter per field, named as the field; `build()` names a
    required field left unset. Kotlin keeps its named arguments."""
    count = 0

    def record(match: re.Match) -> str:
        nonlocal count
        name, body = match[1], match[2]
        fields = re.findall(r"(?m)^    val (`\w+`): ([^\n=]+?)\s*(?:= ([^\n]*?))?\s*$", body)
        if not any(default for _, _, default in fields):
            return match[0]
        count += 1
        lines = [
            f"\n    /**\n     * Java's builder (added by bindings/kotlin/jvm-interop.py): one setter per field, named as\n"
            f"     * the field; `build()` throws `IllegalStateException` naming a required field left unset.\n     */\n",
            "    class Builder {\n",
        ]
        for field, kind, default in fields:
            stored = kind if default else kind.rstrip("?") + "?"
            lines.append(f"        private var {field}: {stored} = {default or 'null'}\n")
        for field, kind, default in fields:
            lines.append(f"        fun {field}({field}: {kind}): Builder = apply {{ this.{field} = {field} }}\n")
        args = []
        for field, kind, default in fields:
            if default:
                args.append(f"{field} = {field}")
            else:
                args.append(f'{field} = checkNotNull({field}) {{ "{name}.Builder: {field.strip("`")} is required" }}')
        lines.append(f"        fun build(): {name} = {name}(\n            " + ",\n            ".join(args) + ",\n        )\n    }\n")
        return match[0] + "".join(lines)

    text = re.sub(r"(?s)data class (\w+) @JvmOverloads constructor\((.*?\n)\)\{", record, text)
    if count == 0:
        fail("no record with default values found for a Java builder")
    return text


def closed_objects(text: str) -> str:
    """One behaviour after `close()` and after `shutdown()`: `shutdown()` (the core's close) also
    frees the handle, so a later call throws `IllegalStateException` ("Client is closed") either
    way, `isClosed()` answers true and `toString()` reads `Client(closed)`."""
    text, messages = re.subn(
        r'throw IllegalStateException\("\$\{this\.javaClass\.simpleName\} object has already been destroyed"\)',
        'throw IllegalStateException("${this.javaClass.simpleName} is closed")',
        text,
    )
    classes = len(re.findall(r"(?m)^open class \w+: Disposable, AutoCloseable", text))
    if messages == 0 or messages != classes:
        fail(f"{messages} closed-object messages rewritten for {classes} object classes")
    text, shutdowns = re.subn(
        r"(?m)^(     \*/override fun `shutdown`\(\)\n        = \n    callWithHandle \{\n(?:.*\n)*?    \}\n)",
        lambda m: m[1].replace("        = \n    callWithHandle {", "    {\n        if (uniffiIsDestroyed) return\n    callWithHandle {", 1) + "        destroy()\n    }\n",
        text,
    )
    text, closed = re.subn(
        r"(?m)^(     \*/override fun `isClosed`\(\): kotlin\.Boolean \{\n)",
        r"\1        if (uniffiIsDestroyed) return true\n",
        text,
    )
    text, printed = re.subn(
        r"(?m)^(    override fun toString\(\): String \{\n)(        return FfiConverterString\.lift\(\n    callWithHandle \{)",
        r'\1        if (uniffiIsDestroyed) return "${this.javaClass.simpleName}(closed)"\n\2',
        text,
    )
    if shutdowns == 0 or shutdowns != closed or printed == 0:
        fail(f"{shutdowns} shutdown(), {closed} isClosed() and {printed} toString() rewritten")
    return text


def hidden_plumbing(text: str) -> str:
    """UniFFI's plumbing out of Java's sight. Kotlin's `internal` is public in the class files, so
    what only this file uses becomes file-`private` (package-private classes): the converters,
    handle maps, the JNA library objects, constants and helpers. What JNA instantiates or calls
    by reflection (structures, callback interfaces) must stay public in the class files and
    stays `internal` (hidden from Kotlin and from Dokka). The foreign-future structures, which
    nothing here uses (no async callback interface), are dropped."""
    rules = [
        (r"(?m)^(?:public|internal) object (FfiConverter\w+)", r"private object \1"),
        (r"(?m)^public interface (FfiConverter(?:RustBuffer)?<)", r"private interface \1"),
        (r"(?m)^public abstract class (FfiConverterCallbackInterface<)", r"private abstract class \1"),
        (r"(?m)^internal class (UniffiHandleMap<)", r"private class \1"),
        (r"(?m)^object (UniffiNullRustCallStatusErrorHandler)\b", r"private object \1"),
        (r"(?m)^internal object (UniffiLib|IntegrityCheckingUniffiLib) \{", r"private object \1 {"),
        (r"(?m)^internal object (uniffiCallbackInterface\w+|uniffiRustFutureContinuationCallbackImpl)\b", r"private object \1"),
        (r"(?m)^public fun (uniffiEnsureInitialized)\(", r"private fun \1("),
        (r"(?m)^internal const val ", "private const val "),
        (r"(?m)^internal val (uniffiContinuationHandleMap)\b", r"private val \1"),
        (r"(?m)^internal (inline fun<T(?:, reified E: Throwable)?> uniffiTraitInterfaceCall)", r"private \1"),
        (r"(?m)^internal (suspend fun<T, F, E: kotlin\.Exception> uniffiRustCallAsync)", r"private \1"),
        (r"(?m)^open class (RustBuffer) : Structure\(\)", r"internal open class \1 : Structure()"),
        (r"(?m)^interface (UniffiRustCallStatusErrorHandler<E>)", r"internal interface \1"),
        (r"(?m)^(    )companion object (ErrorHandler : UniffiRustCallStatusErrorHandler<)", r"\1internal companion object \2"),
        (r"(?m)^interface (UniffiCleaner) \{", r"internal interface \1 {"),
        (r"(?m)^    protected val (handle: Long|cleanable: UniffiCleaner\.Cleanable\?)$", r"    internal val \1"),
        (r"(?m)^object (UniffiWithHandle|NoHandle)\b", r"internal object \1"),
        (r"(?m)^(    )(constructor\((?:withHandle: UniffiWithHandle, handle: Long|noHandle: NoHandle)\))", r"\1internal \2"),
        (r"(?m)^    fun (uniffiCloneHandle\(\): Long)", r"    internal fun \1"),
        (r"(?m)^open class (\w+Impl): (Disposable, AutoCloseable, \w+)$", r"internal open class \1: \2"),
    ]
    for pattern, replacement, in rules:
        text, count = re.subn(pattern, replacement, text)
        if count == 0:
            fail(f"nothing to hide matches {pattern}")
    # The foreign-future declarations, each a top-level block, when nothing else names them.
    family = r"(?ms)^(?:@Structure\.FieldOrder\([^\n]*\)\n)?internal (?:open class|interface) UniffiForeignFuture\w+.*?^\}\n"
    kept = re.sub(family, "", text)
    if kept == text:
        fail("no UniffiForeignFuture declaration found")
    if "UniffiForeignFuture" not in kept:
        text = kept
    return text


def one_cleaner(text: str) -> str:
    """Objects never closed are freed by JNA's cleaner thread (`JNA Cleaner`, one per loaded JNA),
    as UniFFI does on Android, instead of a `java.lang.ref.Cleaner` and its thread for each class
    loader that loads the library: one thread fewer per redeployment (see the README)."""
    before = "        java.lang.Class.forName(\"java.lang.ref.Cleaner\")\n        JavaLangRefCleaner()\n"
    if text.count(before) != 1:
        fail("no single JavaLangRefCleaner choice in UniffiCleaner.create()")
    return text.replace(before, "        UniffiJnaCleaner()\n")


def main() -> None:
    (path,) = sys.argv[1:]
    with open(path, encoding="utf-8") as source:
        text = source.read()
    for step in (
        messages,
        static_factories,
        method_overloads,
        overloads,
        declared_throws,
        paired_secrets,
        file_name,
        byte_array_equality,
        attached_wakers,
        java_futures,
        builders,
        closed_objects,
        hidden_plumbing,
        one_cleaner,
    ):
        text = step(text)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
