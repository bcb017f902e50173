//! The READMEs' call tables.

use crate::Output;
use crate::description::Api;

pub fn outputs(_api: &Api) -> Vec<Output> {
    Vec::new()
}
