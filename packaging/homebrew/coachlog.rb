# The Homebrew formula template: the release workflow (.github/workflows/release.yml) fills in the
# version, the repository and the archives' SHA-256 sums, and attaches the result (coachlog.rb) to
# the release, for a tap (`brew install OWNER/tap/coachlog`).
class Coachlog < Formula
  desc "Practice-hours logbook for coaches working toward ICF, EMCC or AC accreditation"
  homepage "@REPOSITORY@"
  version "@VERSION@"
  license "MIT"

  on_macos do
    on_arm do
      url "@REPOSITORY@/releases/download/v@VERSION@/coachlog-@VERSION@-aarch64-apple-darwin.tar.gz"
      sha256 "@SHA256_AARCH64_APPLE_DARWIN@"
    end
    on_intel do
      url "@REPOSITORY@/releases/download/v@VERSION@/coachlog-@VERSION@-x86_64-apple-darwin.tar.gz"
      sha256 "@SHA256_X86_64_APPLE_DARWIN@"
    end
  end

  on_linux do
    on_arm do
      url "@REPOSITORY@/releases/download/v@VERSION@/coachlog-@VERSION@-aarch64-unknown-linux-musl.tar.gz"
      sha256 "@SHA256_AARCH64_LINUX_MUSL@"
    end
    on_intel do
      url "@REPOSITORY@/releases/download/v@VERSION@/coachlog-@VERSION@-x86_64-unknown-linux-musl.tar.gz"
      sha256 "@SHA256_X86_64_LINUX_MUSL@"
    end
  end

  def install
    bin.install "coachlog"
    man1.install Dir["man/*.1"]
    bash_completion.install "completions/coachlog.bash" => "coachlog"
    zsh_completion.install "completions/coachlog.zsh" => "_coachlog"
    fish_completion.install "completions/coachlog.fish"
    doc.install "README.md", "CHANGELOG.md"
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/coachlog --version")
    ENV["COACHLOG_DIR"] = testpath/"logbook"
    system bin/"coachlog", "partner", "add", "Alex Kim", "--client-type", "peer"
    assert_match "alex-kim", shell_output("#{bin}/coachlog partner list")
  end
end
