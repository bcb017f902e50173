//! HTTP/1.1 by hand on a `TcpStream`: requests parsed with `httparse`, responses written in
//! pieces so that a fault can cut, stall or mis-frame them anywhere.

use std::io::{self, Cursor, Read, Write};
use std::net::TcpStream;

/// Beyond this a request head is refused with 431: no client under test sends such heads.
const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 64;
/// Request bodies are JSON or forms of a few hundred bytes; this only bounds memory.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
const READ_CHUNK: usize = 16 * 1024;
const WRITE_CHUNK: usize = 64 * 1024;

/// A request as received, body fully read.
#[derive(Debug, Clone)]
pub(crate) struct HttpRequest {
    pub method: String,
    /// The request target exactly as sent: the path and the query.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub keep_alive: bool,
}

impl HttpRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        cleverkit::pairs::header(&self.headers, name)
    }

    pub fn path(&self) -> &str {
        self.target
            .split_once('?')
            .map_or(self.target.as_str(), |(path, _)| path)
    }

    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }
}

/// What the next read on a connection produced.
pub(crate) enum Incoming {
    Request(HttpRequest),
    /// The client closed the connection between requests (or mid-request: nothing to answer).
    Closed,
    /// Unparseable: answer this status and close.
    Malformed {
        status: u16,
        reason: String,
    },
}

/// Reads requests one after the other from a keep-alive connection; bytes of a pipelined next
/// request stay in the buffer.
#[derive(Default)]
pub(crate) struct RequestReader {
    buffer: Vec<u8>,
}

struct Head {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    http_1_1: bool,
    length: usize,
}

impl RequestReader {
    pub fn next_request(&mut self, stream: &mut TcpStream) -> io::Result<Incoming> {
        let head = loop {
            match parse_head(&self.buffer) {
                Ok(Some(head)) => break head,
                Ok(None) if self.buffer.len() > MAX_HEAD_BYTES => {
                    return Ok(malformed(431, "the request head is too large"));
                }
                Ok(None) => {
                    if self.fill(stream)? == 0 {
                        return Ok(Incoming::Closed);
                    }
                }
                Err(incoming) => return Ok(incoming),
            }
        };
        self.buffer.drain(..head.length);
        let header = |name: &str| cleverkit::pairs::header(&head.headers, name);
        let chunked = header("transfer-encoding")
            .is_some_and(|value| value.to_ascii_lowercase().contains("chunked"));
        let content_length = match header("content-length") {
            Some(_) if chunked => {
                return Ok(malformed(
                    400,
                    "both Content-Length and Transfer-Encoding: chunked",
                ));
            }
            Some(text) => match text.trim().parse::<usize>() {
                Ok(length) if length <= MAX_BODY_BYTES => length,
                Ok(_) => return Ok(malformed(413, "the request body is too large")),
                Err(_) => return Ok(malformed(400, "Content-Length is not a number")),
            },
            None => 0,
        };
        let expects_continue =
            header("expect").is_some_and(|value| value.eq_ignore_ascii_case("100-continue"));
        let wants_close = connection_has(header("connection"), "close");
        let keep_alive = if head.http_1_1 {
            !wants_close
        } else {
            connection_has(header("connection"), "keep-alive")
        };

        let body_is_coming = chunked || content_length > self.buffer.len();
        if expects_continue && body_is_coming {
            stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        let body = if chunked {
            match self.read_chunked_body(stream)? {
                Ok(body) => body,
                Err(incoming) => return Ok(incoming),
            }
        } else {
            while self.buffer.len() < content_length {
                if self.fill(stream)? == 0 {
                    return Ok(Incoming::Closed);
                }
            }
            self.buffer.drain(..content_length).collect()
        };
        Ok(Incoming::Request(HttpRequest {
            method: head.method,
            target: head.target,
            headers: head.headers,
            body,
            keep_alive,
        }))
    }

    fn fill(&mut self, stream: &mut TcpStream) -> io::Result<usize> {
        let start = self.buffer.len();
        self.buffer.resize(start + READ_CHUNK, 0);
        let read = stream.read(&mut self.buffer[start..]);
        self.buffer.truncate(start + *read.as_ref().unwrap_or(&0));
        read
    }

    /// Decodes a chunked body (RFC 9112 §7.1); extensions and trailers are skipped.
    fn read_chunked_body(
        &mut self,
        stream: &mut TcpStream,
    ) -> io::Result<Result<Vec<u8>, Incoming>> {
        let mut body = Vec::new();
        loop {
            let (size_line, size) = loop {
                match httparse::parse_chunk_size(&self.buffer) {
                    Ok(httparse::Status::Complete((consumed, size))) => break (consumed, size),
                    Ok(httparse::Status::Partial) => {
                        if self.fill(stream)? == 0 {
                            return Ok(Err(Incoming::Closed));
                        }
                    }
                    Err(_) => return Ok(Err(malformed(400, "bad chunk size line"))),
                }
            };
            let Ok(size) = usize::try_from(size) else {
                return Ok(Err(malformed(413, "the request body is too large")));
            };
            if body.len().saturating_add(size) > MAX_BODY_BYTES {
                return Ok(Err(malformed(413, "the request body is too large")));
            }
            self.buffer.drain(..size_line);
            if size == 0 {
                return Ok(self.skip_trailers(stream)?.map(|()| body));
            }
            while self.buffer.len() < size + 2 {
                if self.fill(stream)? == 0 {
                    return Ok(Err(Incoming::Closed));
                }
            }
            if &self.buffer[size..size + 2] != b"\r\n" {
                return Ok(Err(malformed(400, "a chunk does not end with CRLF")));
            }
            body.extend(self.buffer.drain(..size + 2).take(size));
        }
    }

    fn skip_trailers(&mut self, stream: &mut TcpStream) -> io::Result<Result<(), Incoming>> {
        loop {
            match self.buffer.windows(2).position(|pair| pair == b"\r\n") {
                Some(0) => {
                    self.buffer.drain(..2);
                    return Ok(Ok(()));
                }
                Some(line_end) => {
                    self.buffer.drain(..line_end + 2);
                }
                None if self.buffer.len() > MAX_HEAD_BYTES => {
                    return Ok(Err(malformed(431, "the trailers are too large")));
                }
                None => {
                    if self.fill(stream)? == 0 {
                        return Ok(Err(Incoming::Closed));
                    }
                }
            }
        }
    }
}

fn malformed(status: u16, reason: &str) -> Incoming {
    Incoming::Malformed {
        status,
        reason: reason.to_owned(),
    }
}

fn connection_has(connection: Option<&str>, token: &str) -> bool {
    connection.is_some_and(|value| {
        value
            .split(',')
            .any(|option| option.trim().eq_ignore_ascii_case(token))
    })
}

/// `Ok(None)` while the head is incomplete.
fn parse_head(buffer: &[u8]) -> Result<Option<Head>, Incoming> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let length = match request.parse(buffer) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(malformed(431, "too many headers")),
        Err(err) => return Err(malformed(400, &format!("bad request head: {err}"))),
    };
    let mut owned_headers = Vec::with_capacity(request.headers.len());
    for header in request.headers.iter() {
        let Ok(value) = std::str::from_utf8(header.value) else {
            return Err(malformed(
                400,
                &format!("header {} is not UTF-8", header.name),
            ));
        };
        owned_headers.push((header.name.to_owned(), value.to_owned()));
    }
    Ok(Some(Head {
        method: request.method.unwrap_or_default().to_owned(),
        target: request.path.unwrap_or_default().to_owned(),
        headers: owned_headers,
        http_1_1: request.version == Some(1),
        length,
    }))
}

/// A response body of known length, produced as it is sent.
pub(crate) struct Body {
    pub len: u64,
    source: Box<dyn Read + Send>,
}

impl Body {
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Body {
        let bytes = bytes.into();
        Body {
            len: bytes.len() as u64,
            source: Box::new(Cursor::new(bytes)),
        }
    }

    pub fn empty() -> Body {
        Body::bytes(Vec::new())
    }

    /// `head`, then `filler` repeated, then `tail`: `len` bytes in all (at least head and tail),
    /// generated on the fly so that a 100 MiB body costs no memory.
    pub fn padded(head: &[u8], filler: u8, tail: &[u8], len: u64) -> Body {
        let minimum = (head.len() + tail.len()) as u64;
        let len = len.max(minimum);
        let source = Cursor::new(head.to_vec())
            .chain(io::repeat(filler).take(len - minimum))
            .chain(Cursor::new(tail.to_vec()));
        Body {
            len,
            source: Box::new(source),
        }
    }
}

/// A response before framing: the writer adds Content-Length (or chunking), `Sozu-Id` and
/// `Connection: close`.
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Body) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body,
        }
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response::new(status, "application/json", Body::bytes(value.to_string()))
    }

    pub fn no_content() -> Response {
        Response {
            status: 204,
            headers: Vec::new(),
            body: Body::empty(),
        }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// How the body is delimited on the wire.
pub(crate) enum Framing {
    ContentLength(u64),
    Chunked,
}

/// Writes the status line and headers.
pub(crate) fn write_head(
    stream: &mut TcpStream,
    response: &Response,
    request_id: &str,
    framing: &Framing,
    close: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nSozu-Id: {request_id}\r\n",
        response.status,
        reason_phrase(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match framing {
        // RFC 9110 §8.6: a 204 carries no Content-Length.
        Framing::ContentLength(_) if response.status == 204 => {}
        Framing::ContentLength(length) => head.push_str(&format!("Content-Length: {length}\r\n")),
        Framing::Chunked => head.push_str("Transfer-Encoding: chunked\r\n"),
    }
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())
}

/// Sends up to `limit` more bytes of the body, as chunks when `chunked`.
pub(crate) fn write_body(
    stream: &mut TcpStream,
    body: &mut Body,
    limit: u64,
    chunked: bool,
) -> io::Result<()> {
    let mut buffer = vec![0u8; WRITE_CHUNK];
    let mut remaining = limit;
    while remaining > 0 {
        let want = remaining.min(WRITE_CHUNK as u64) as usize;
        let read = body.source.read(&mut buffer[..want])?;
        if read == 0 {
            break;
        }
        if chunked {
            stream.write_all(format!("{read:x}\r\n").as_bytes())?;
            stream.write_all(&buffer[..read])?;
            stream.write_all(b"\r\n")?;
        } else {
            stream.write_all(&buffer[..read])?;
        }
        remaining -= read as u64;
    }
    stream.flush()
}

pub(crate) fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
