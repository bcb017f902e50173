//! The Python stub's typed calls (written once their shape is settled).

use crate::Output;
use crate::description::Api;

pub fn outputs(_api: &Api) -> Vec<Output> {
    Vec::new()
}
