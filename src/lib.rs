#![doc = include_str!("../README.md")]

pub use roadmap_core::*;
