//! Signing receipts with an Ed25519 SSH key, in the OpenSSH signature format (SSHSIG, as
//! `ssh-keygen -Y sign` writes it), so that `ssh-keygen -Y verify` checks them without coachlog.
//!
//! The key is the coach's own: an unencrypted OpenSSH Ed25519 private key they name
//! (`~/.ssh/id_ed25519`), or the one `coachlog keys init --signing` makes in this device's
//! config folder (never in the logbook). Signing and checking use the `ssh-key` crate (RustCrypto),
//! with `ed25519-dalek` beneath it.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow};
use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use super::files;
use crate::domain::receipt::NAMESPACE;

/// The first line of an armored signature.
pub const SIGNATURE_BEGIN: &str = "-----BEGIN SSH SIGNATURE-----";

/// Where `keys init --signing` keeps the coach's signing key on this device.
pub fn own_key_path() -> Option<PathBuf> {
    Some(super::keys::coach_keys_dir()?.join("signing_ed25519"))
}

/// A signing key, read.
#[derive(Debug, Clone)]
pub struct SigningKey {
    key: PrivateKey,
    /// Where it was read from.
    pub path: PathBuf,
}

impl SigningKey {
    /// The public half, as an OpenSSH line (`ssh-ed25519 AAAA… comment`).
    pub fn public_line(&self) -> String {
        public_line(self.key.public_key())
    }

    /// The public half's fingerprint (`SHA256:…`).
    pub fn fingerprint(&self) -> String {
        fingerprint(self.key.public_key())
    }

    /// `text` signed: the armored signature, as `ssh-keygen -Y sign` writes it.
    pub fn sign(&self, text: &str) -> Result<String> {
        let sig = SshSig::sign(&self.key, NAMESPACE, HashAlg::Sha512, text.as_bytes())
            .map_err(|e| anyhow!("cannot sign with {}: {e}", self.path.display()))?;
        sig.to_pem(LineEnding::LF)
            .map_err(|e| anyhow!("cannot write the signature: {e}"))
    }
}

/// The fingerprint of a public key, `SHA256:…` as ssh shows it.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// A public key as one OpenSSH line.
pub fn public_line(key: &PublicKey) -> String {
    key.to_openssh().unwrap_or_default()
}

/// Reads a public key's OpenSSH line (as pinned), or says why not.
pub fn parse_public(line: &str) -> Result<PublicKey, String> {
    let key = PublicKey::from_openssh(line.trim())
        .map_err(|e| format!("not an OpenSSH public key ({e})"))?;
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(format!(
            "a {} key: coachlog signs and checks Ed25519 keys",
            key.algorithm()
        ));
    }
    Ok(key)
}

/// Reads the private key at `path`: an unencrypted OpenSSH Ed25519 key.
pub fn load(path: &Path) -> Result<SigningKey> {
    let bytes = files::read_named(path, 64 * 1024)
        .with_context(|| format!("cannot read the signing key {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let key = PrivateKey::from_openssh(text.as_ref()).map_err(|e| {
        crate::error::config(format!(
            "{} is not an OpenSSH private key ({e}): give an Ed25519 key such as \
             ~/.ssh/id_ed25519, or make one with `coachlog keys init --signing`",
            path.display()
        ))
    })?;
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(crate::error::config(format!(
            "{} is a {} key: receipts are signed with an Ed25519 key (ssh-keygen -t ed25519, or \
             `coachlog keys init --signing`)",
            path.display(),
            key.algorithm()
        )));
    }
    if key.is_encrypted() {
        return Err(crate::error::config(format!(
            "{} is protected by a passphrase, which coachlog does not ask for: give a key \
             without one, such as the one `coachlog keys init --signing` makes",
            path.display()
        )));
    }
    Ok(SigningKey {
        key,
        path: path.to_path_buf(),
    })
}

/// Makes the coach's own signing key at [`own_key_path`], owner-only; never over one.
pub fn generate() -> Result<SigningKey> {
    let path = own_key_path()
        .ok_or_else(|| anyhow!("this system has no config directory to keep the key in"))?;
    if let Some(dir) = path.parent() {
        files::create_private_dir(dir)?;
    }
    let mut key = PrivateKey::random(&mut ssh_key::rand_core::OsRng, Algorithm::Ed25519)
        .map_err(|e| anyhow!("cannot make a key: {e}"))?;
    key.set_comment("coachlog receipts");
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| anyhow!("cannot write the key: {e}"))?;
    files::write_new(&path, text.as_str())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(SigningKey { key, path })
}

/// Checks that `signature` (armored) signs `text` in the receipts' namespace with an Ed25519
/// key: the key that signed, or why not.
pub fn verify(text: &str, signature: &str) -> Result<PublicKey, String> {
    let sig = SshSig::from_pem(signature.trim().as_bytes())
        .map_err(|e| format!("its signature cannot be read ({e})"))?;
    if sig.namespace() != NAMESPACE {
        return Err(format!(
            "it is signed for '{}', not for a coachlog receipt",
            crate::domain::text::for_terminal(sig.namespace(), 60, "…")
        ));
    }
    let key = PublicKey::from(sig.public_key().clone());
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(format!(
            "it is signed with a {} key, not Ed25519",
            key.algorithm()
        ));
    }
    key.verify(NAMESPACE, text.as_bytes(), &sig).map_err(|_| {
        "its signature does not match its text: it was changed after it was signed".to_owned()
    })?;
    Ok(key)
}

/// A receipt as sent in one piece (its text, then its armored signature): the two parts.
pub fn split(whole: &str) -> Option<(&str, &str)> {
    let at = whole.find(SIGNATURE_BEGIN)?;
    Some((&whole[..at], &whole[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        let mut key =
            PrivateKey::random(&mut ssh_key::rand_core::OsRng, Algorithm::Ed25519).expect("key");
        key.set_comment("test");
        SigningKey {
            key,
            path: PathBuf::from("test"),
        }
    }

    #[test]
    fn what_is_signed_verifies_and_a_change_does_not() {
        let key = key();
        let text = "coachlog receipt 1\nminutes: 60\n";
        let sig = key.sign(text).expect("signed");
        assert!(sig.starts_with(SIGNATURE_BEGIN), "{sig}");
        let signer = verify(text, &sig).expect("verifies");
        assert_eq!(fingerprint(&signer), key.fingerprint());
        let err = verify(&text.replace("60", "45"), &sig).expect_err("changed");
        assert!(err.contains("changed after it was signed"), "{err}");
        let whole = format!("{text}{sig}");
        assert_eq!(split(&whole), Some((text, sig.as_str())));
    }

    #[test]
    fn a_public_line_reads_back() {
        let key = key();
        let line = key.public_line();
        assert!(line.starts_with("ssh-ed25519 "), "{line}");
        assert_eq!(
            fingerprint(&parse_public(&line).expect("reads")),
            key.fingerprint()
        );
        assert!(parse_public("ssh-rsa AAAA").is_err());
    }
}
