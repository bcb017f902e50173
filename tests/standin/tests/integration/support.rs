//! A deliberately tiny HTTP/1.1 client: tests must see exactly what went over the wire,
//! faults included, which a real client library would hide or retry.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use cleverkit::oauth1::{Credentials, ProtocolParams, Request, SignatureMethod, sign};
use cleverkit_standin::{CONSUMER_KEY, CONSUMER_SECRET, USER_TOKEN, USER_TOKEN_SECRET};

#[derive(Debug)]
pub struct Head {
    pub status: u16,
    pub headers: Vec<(String, String)>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

pub struct HttpResponse {
    pub head: Head,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn status(&self) -> u16 {
        self.head.status
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.header(name)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!("not JSON ({err}): {}", String::from_utf8_lossy(&self.body))
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One client connection, reused across requests as a keep-alive client would.
pub struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    pub fn open(base_url: &str) -> Connection {
        let address = base_url.strip_prefix("http://").expect("an http:// URL");
        let stream = TcpStream::connect(address).expect("connect to the stand-in");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        Connection {
            stream,
            buffer: Vec::new(),
        }
    }

    pub fn set_read_timeout(&self, timeout: Duration) {
        self.stream.set_read_timeout(Some(timeout)).unwrap();
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
    }

    pub fn send(&mut self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) {
        let mut request = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() {
            request.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        self.send_raw(request.as_bytes());
        self.send_raw(body);
    }

    pub fn request(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> HttpResponse {
        self.send(method, target, headers, body);
        self.read_response().expect("a complete response")
    }

    fn fill(&mut self) -> io::Result<usize> {
        let mut chunk = [0u8; 64 * 1024];
        let read = self.stream.read(&mut chunk)?;
        self.buffer.extend_from_slice(&chunk[..read]);
        Ok(read)
    }

    pub fn read_head(&mut self) -> io::Result<Head> {
        loop {
            let mut headers = [httparse::EMPTY_HEADER; 64];
            let mut response = httparse::Response::new(&mut headers);
            if let httparse::Status::Complete(length) = response
                .parse(&self.buffer)
                .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?
            {
                let head = Head {
                    status: response.code.unwrap_or_default(),
                    headers: response
                        .headers
                        .iter()
                        .map(|header| {
                            let value = String::from_utf8_lossy(header.value).into_owned();
                            (header.name.to_owned(), value)
                        })
                        .collect(),
                };
                self.buffer.drain(..length);
                return Ok(head);
            }
            if self.fill()? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
    }

    /// The body as framed by `head`; an error if the connection ends before the framing does.
    pub fn read_body(&mut self, head: &Head) -> io::Result<Vec<u8>> {
        if head.status == 204 {
            return Ok(Vec::new());
        }
        if head
            .header("transfer-encoding")
            .is_some_and(|value| value.contains("chunked"))
        {
            return self.read_chunked();
        }
        let length: usize = head
            .header("content-length")
            .expect("the stand-in always frames its bodies")
            .parse()
            .unwrap();
        while self.buffer.len() < length {
            if self.fill()? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(self.buffer.drain(..length).collect())
    }

    fn read_chunked(&mut self) -> io::Result<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let (line, size) = loop {
                match httparse::parse_chunk_size(&self.buffer) {
                    Ok(httparse::Status::Complete(parsed)) => break parsed,
                    Ok(httparse::Status::Partial) => {
                        if self.fill()? == 0 {
                            return Err(io::ErrorKind::UnexpectedEof.into());
                        }
                    }
                    Err(_) => return Err(io::ErrorKind::InvalidData.into()),
                }
            };
            let size = size as usize;
            while self.buffer.len() < line + size + 2 {
                if self.fill()? == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
            }
            body.extend_from_slice(&self.buffer[line..line + size]);
            self.buffer.drain(..line + size + 2);
            if size == 0 {
                return Ok(body);
            }
        }
    }

    pub fn read_response(&mut self) -> io::Result<HttpResponse> {
        let head = self.read_head()?;
        let body = self.read_body(&head)?;
        Ok(HttpResponse { head, body })
    }

    /// True once the server closed its side (end of file, or a reset).
    pub fn is_closed_by_server(&mut self) -> bool {
        matches!(self.fill(), Ok(0) | Err(_))
    }
}

/// One request on a fresh connection.
pub fn call(base_url: &str, method: &str, target: &str, headers: &[(&str, &str)]) -> HttpResponse {
    Connection::open(base_url).request(method, target, headers, b"")
}

pub fn user_credentials(method: SignatureMethod) -> Credentials {
    Credentials::new(CONSUMER_KEY, CONSUMER_SECRET)
        .unwrap()
        .with_token(USER_TOKEN, USER_TOKEN_SECRET)
        .with_signature_method(method)
}

/// The `Authorization` value for a request without a form body.
pub fn authorization(
    method: &str,
    url: &str,
    credentials: &Credentials,
    params: &ProtocolParams,
) -> String {
    sign(&Request::new(method, url), credentials, params)
        .unwrap()
        .authorization
}

/// A GET signed as the fixed user with HMAC-SHA512, on a fresh connection.
pub fn signed_get(base_url: &str, target: &str, extra_headers: &[(&str, &str)]) -> HttpResponse {
    let credentials = user_credentials(SignatureMethod::HmacSha512);
    let url = format!("{base_url}{target}");
    let header = authorization("GET", &url, &credentials, &ProtocolParams::fresh().unwrap());
    let mut headers = vec![("Authorization", header.as_str())];
    headers.extend_from_slice(extra_headers);
    call(base_url, "GET", target, &headers)
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}
