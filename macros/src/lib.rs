//! `#[shape]`: a boundary shape of hoopai-billing declared once. On a struct with named
//! fields or an enum of unit variants it adds what the three uses of a shape need, so no
//! JSON key is written twice:
//!
//! - `Debug`, `Clone` and `PartialEq`, which every shape has (derive others as needed);
//! - the serializer: `#[derive(serde::Serialize)]`, `rename_all = "camelCase"` (structs) or
//!   `"lowercase"` (enums) unless given, and `skip_serializing_if = "Option::is_none"` on
//!   every `Option` field (an optional field is left out, never `null`) but a nullable one;
//! - the TypeScript type: `tsify::Tsify` on wasm32, with `optional` on every `Option` field
//!   that does not give its own `tsify(...)`;
//! - the strict reader: `impl crate::schema::ReadValue`, which refuses unknown keys, reads
//!   each field under its serialized name, `Option` fields as optional (`#[shape(nullable)]`:
//!   `null` too, meaning "not known"), enum variants by their serialized names.
//!
//! `#[shape(output)]` is for results that are never read back: the serializer and the
//! TypeScript type only; an `Option` field is written as `null` and typed `T | null`.
//! `#[shape(manual)]` is an input whose fields need a hand-written reader: everything but
//! the reader.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{parse_macro_input, Attribute, Fields, Item, ItemEnum, ItemStruct, LitStr, Type};

/// How a shape crosses: read and written (the default), written only (`output`), or read
/// by a hand-written reader (`manual`: the shape's fields are read in an unusual way).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Input,
    Output,
    Manual,
}

#[proc_macro_attribute]
pub fn shape(args: TokenStream, item: TokenStream) -> TokenStream {
    let mode = match args.to_string().trim() {
        "" => Mode::Input,
        "output" => Mode::Output,
        "manual" => Mode::Manual,
        other => {
            return error(
                proc_macro2::Span::call_site(),
                &format!("unknown #[shape({other})]; expected #[shape], #[shape(output)] or #[shape(manual)]"),
            )
        }
    };
    let item = parse_macro_input!(item as Item);
    let attrs = match &item {
        Item::Struct(s) => s.attrs.as_slice(),
        Item::Enum(e) => e.attrs.as_slice(),
        _ => &[],
    };
    // The generated reader knows the default renaming only: a read shape may not change it.
    if mode == Mode::Input && attrs.iter().any(|a| a.path().is_ident("serde") && a.to_token_stream_string().contains("rename_all")) {
        return error(
            proc_macro2::Span::call_site(),
            "a shape that is read keeps the default renaming (camelCase fields, lowercase variants)",
        );
    }
    match item {
        Item::Struct(item) => structure(item, mode),
        Item::Enum(item) => enumeration(item, mode),
        other => syn::Error::new_spanned(&other, "#[shape] goes on a struct or an enum").to_compile_error(),
    }
    .into()
}

fn error(span: proc_macro2::Span, message: &str) -> TokenStream {
    syn::Error::new(span, message).to_compile_error().into()
}

/// The attributes every shape gets: the serializer, the TypeScript type, the renaming.
fn common(attrs: &[Attribute], rename_all: &str) -> Tokens {
    let renamed = attrs.iter().any(|a| a.path().is_ident("serde") && a.to_token_stream_string().contains("rename_all"));
    let rename = (!renamed).then(|| quote!(#[serde(rename_all = #rename_all)]));
    quote! {
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #rename
    }
}

trait AttrText {
    fn to_token_stream_string(&self) -> String;
}

impl AttrText for Attribute {
    fn to_token_stream_string(&self) -> String {
        quote::ToTokens::to_token_stream(self).to_string()
    }
}

/// `serde(rename = "...")` of a field or variant, if given.
fn renamed(attrs: &[Attribute]) -> Option<String> {
    let mut name = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                name = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        });
    }
    name
}

fn camel_case(ident: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in ident.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// The TypeScript name of `T` in an `Option<T>` field, where `T` is a plain named type.
fn option_inner_ts(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last().filter(|s| s.ident == "Option")?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    let Some(syn::GenericArgument::Type(Type::Path(inner))) = args.args.first() else { return None };
    let segment = inner.path.segments.last().filter(|s| s.arguments.is_empty())?;
    Some(match segment.ident.to_string().as_str() {
        "String" => "string".to_string(),
        "u64" | "u32" | "i64" | "f64" | "Count" => "number".to_string(),
        "bool" => "boolean".to_string(),
        name => name.to_string(),
    })
}

/// Whether `attr` gives the field its own TypeScript type or optionality.
fn is_tsify(attr: &Attribute) -> bool {
    (attr.path().is_ident("cfg_attr") || attr.path().is_ident("tsify")) && attr.to_token_stream_string().contains("tsify")
}

fn structure(mut item: ItemStruct, mode: Mode) -> Tokens {
    let output = mode == Mode::Output;
    let Fields::Named(named) = &mut item.fields else {
        return syn::Error::new_spanned(&item, "#[shape] needs named fields").to_compile_error();
    };
    let mut keys = Vec::new();
    let mut reads = Vec::new();
    for field in &mut named.named {
        let ident = field.ident.clone().expect("named fields have names");
        let key = renamed(&field.attrs).unwrap_or_else(|| camel_case(&syn::ext::IdentExt::unraw(&ident).to_string()));
        let mut nullable = false;
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("shape")) {
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("nullable") && is_option(&field.ty) {
                    nullable = true;
                    Ok(())
                } else {
                    Err(meta.error("a field's #[shape(...)] is `nullable`, on an `Option` field"))
                }
            });
            if let Err(e) = parsed {
                return e.to_compile_error();
            }
        }
        field.attrs.retain(|a| !a.path().is_ident("shape"));
        let read = if output {
            // An output's `None` is written as `null`: its TypeScript type says so.
            let has_tsify = field.attrs.iter().any(is_tsify);
            if let (false, Some(inner)) = (has_tsify, option_inner_ts(&field.ty)) {
                let ts = format!("{inner} | null");
                field.attrs.push(syn::parse_quote!(#[cfg_attr(target_arch = "wasm32", tsify(type = #ts))]));
            }
            format_ident!("required") // unused: outputs have no reader
        } else if is_option(&field.ty) {
            let has_skip =
                field.attrs.iter().any(|a| a.path().is_ident("serde") && a.to_token_stream_string().contains("skip_serializing_if"));
            let has_tsify = field.attrs.iter().any(|a| a.to_token_stream_string().contains("tsify"));
            // A nullable field says "not known" with `null`: it is written, not left out.
            if !has_skip && !nullable {
                field.attrs.push(syn::parse_quote!(#[serde(skip_serializing_if = "Option::is_none")]));
            }
            if !has_tsify {
                field.attrs.push(syn::parse_quote!(#[cfg_attr(target_arch = "wasm32", tsify(optional))]));
            }
            if nullable {
                format_ident!("nullable")
            } else {
                format_ident!("optional")
            }
        } else {
            format_ident!("required")
        };
        reads.push(quote!(#ident: fields.#read(#key)?));
        keys.push(key);
    }
    let common = common(&item.attrs, "camelCase");
    let name = &item.ident;
    let reader = (mode == Mode::Input).then(|| {
        quote! {
            impl crate::schema::ReadValue for #name {
                fn read(value: &crate::json::Value, path: &crate::schema::Path) -> crate::error::BillingResult<Self> {
                    let fields = crate::schema::Fields::of(value, path, &[#(#keys),*])?;
                    Ok(#name { #(#reads),* })
                }
            }
        }
    });
    quote! { #common #item #reader }
}

fn enumeration(item: ItemEnum, mode: Mode) -> Tokens {
    let name = &item.ident;
    let mut pairs = Vec::new();
    for variant in &item.variants {
        if !matches!(variant.fields, Fields::Unit) {
            return syn::Error::new_spanned(variant, "#[shape] enums have unit variants").to_compile_error();
        }
        let ident = &variant.ident;
        let key = renamed(&variant.attrs).unwrap_or_else(|| ident.to_string().to_lowercase());
        pairs.push(quote!((#key, #name::#ident)));
    }
    let common = common(&item.attrs, "lowercase");
    let reader = (mode == Mode::Input).then(|| {
        quote! {
            impl #name {
                /// Every variant with its name in JSON (and in a CSV cell).
                pub const VARIANTS: &'static [(&'static str, #name)] = &[#(#pairs),*];
            }
            impl crate::schema::ReadValue for #name {
                fn read(value: &crate::json::Value, path: &crate::schema::Path) -> crate::error::BillingResult<Self> {
                    crate::schema::read::read_variant(value, path, Self::VARIANTS)
                }
            }
        }
    });
    quote! { #common #item #reader }
}
