package dev.cleverkit.tests

import java.io.ByteArrayOutputStream

/** The parameters of an `OAuth name="value", …` header, percent-decoded, in header order. */
internal fun parseAuthorization(header: String): List<Pair<String, String>> {
    require(header.startsWith("OAuth ")) { "not an OAuth header: $header" }
    val param = Regex("""\s*([^=\s]+)="([^"]*)"\s*""")
    return header.removePrefix("OAuth ").split(',').map { part ->
        val match = param.matchEntire(part) ?: error("bad header parameter `$part` in $header")
        percentDecode(match.groupValues[1]) to percentDecode(match.groupValues[2])
    }
}

/** RFC 3986 percent-decoding to UTF-8 (`+` stays `+`, unlike java.net.URLDecoder). */
internal fun percentDecode(text: String): String {
    val out = ByteArrayOutputStream()
    var i = 0
    while (i < text.length) {
        val c = text[i]
        if (c == '%') {
            require(i + 2 < text.length) { "truncated escape in $text" }
            out.write(text.substring(i + 1, i + 3).toInt(16))
            i += 3
        } else {
            out.write(c.toString().toByteArray(Charsets.UTF_8))
            i += 1
        }
    }
    return out.toString(Charsets.UTF_8)
}

internal fun List<Pair<String, String>>.sortedParams() =
    sortedWith(compareBy<Pair<String, String>> { it.first }.thenBy { it.second })
