//! The closed sets of words a user types and files hold (a client type, a payment, a config key):
//! the [`Vocabulary`] a front end offers, and the macros that make such a set.

/// A closed set of words a user types and files hold (a client type, a payment, a config key):
/// what a front end needs to offer them, with what each means.
pub trait Vocabulary: Copy + Send + Sync + 'static {
    /// Every word, in the order they are documented.
    fn all() -> &'static [Self];
    /// The word as it is spelled in files and on the command line.
    fn word(self) -> &'static str;
    /// What the word means, for help texts.
    fn help(self) -> &'static str;
}

/// Implements [`Vocabulary`] for a type with `ALL`, `as_str` and `describe` of its own.
macro_rules! impl_vocabulary {
    ($($name:ty),+) => {$(
        impl $crate::domain::vocabulary::Vocabulary for $name {
            fn all() -> &'static [Self] {
                <$name>::ALL
            }

            fn word(self) -> &'static str {
                self.as_str()
            }

            fn help(self) -> &'static str {
                self.describe()
            }
        }
    )+};
}

pub(crate) use impl_vocabulary;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal, $help:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant,)+
        }

        impl $name {
            /// Every word, in the order they are documented.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word as it is spelled in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            /// What the word means, for help texts.
            pub fn describe(self) -> &'static str {
                match self { $($name::$variant => $help,)+ }
            }
        }

        $crate::domain::vocabulary::impl_vocabulary!($name);

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = String;

            fn from_str(input: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str() == input).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    format!("'{input}' is not one of {}", words.join(", "))
                })
            }
        }
    };
}

pub(crate) use vocabulary;
