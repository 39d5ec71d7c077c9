//! Declaring a srv.asmx call whose parameters are plain values sent in a fixed order, so that
//! a call reads as its page's parameter table: field, type, wire name. The membership, library,
//! redirection and account-administration calls are all of this kind.

use crate::xml::Element;

/// How a field is written as a GET/POST parameter value.
pub(crate) trait ParamValue {
    fn param_value(&self) -> String;
}

impl ParamValue for String {
    fn param_value(&self) -> String {
        self.clone()
    }
}

/// The reader of an answer that carries nothing but `success`.
pub(crate) fn no_payload(_: &Element) -> Result<(), String> {
    Ok(())
}

/// Declares request structs and their [`Operation`](crate::operations::Operation)s, one entry
/// a call, ended by `;`: the operation's name is the struct's, the ticket goes as
/// `authenticationTicket` (every page these calls come from spells it so), the fields are sent
/// in the order given under their wire names, `required` lists the wire names that must not be
/// blank, and the answer is read by the function after `=`. A call without parameters is a
/// unit struct.
macro_rules! declare_calls {
    () => {};
    (
        $(#[$doc:meta])*
        $name:ident answers $output:ty = $read:expr;
        $($rest:tt)*
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;
        $crate::call::declare_calls!(@operation $name, [], [], $output, $read);
        $crate::call::declare_calls!($($rest)*);
    };
    (
        $(#[$doc:meta])*
        $name:ident {
            $( $(#[$field_doc:meta])* $field:ident: $ty:ty => $wire:literal ),+ $(,)?
        }
        $( required [ $($required:literal),* ] )?
        answers $output:ty = $read:expr;
        $($rest:tt)*
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            $( $(#[$field_doc])* pub $field: $ty, )+
        }
        $crate::call::declare_calls!(
            @operation $name,
            [ $( ($field, $wire) ),+ ],
            [ $( $($required),* )? ],
            $output,
            $read
        );
        $crate::call::declare_calls!($($rest)*);
    };
    (
        @operation $name:ident,
        [ $( ($field:ident, $wire:literal) ),* ],
        [ $($required:literal),* ],
        $output:ty,
        $read:expr
    ) => {
        impl $crate::operations::Operation for $name {
            const NAME: &'static str = stringify!($name);
            const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
            type Output = $output;
            fn params(&self) -> Vec<(&'static str, String)> {
                vec![ $( ($wire, $crate::call::ParamValue::param_value(&self.$field)) ),* ]
            }
            fn required_non_empty(&self) -> &'static [&'static str] {
                &[ $($required),* ]
            }
            fn read(answer: &$crate::xml::Element) -> Result<$output, String> {
                ($read)(answer)
            }
        }
    };
}

pub(crate) use declare_calls;
