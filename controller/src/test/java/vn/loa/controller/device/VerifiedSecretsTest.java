package vn.loa.controller.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifiedSecretsTest {
    @Test
    void matchesOnlyTheSameSecretAgainstTheSameStoredHash() {
        VerifiedSecrets verified = new VerifiedSecrets();
        verified.remember("sp-a", "hash-1", "secret");

        assertThat(verified.matches("sp-a", "hash-1", "secret")).isTrue();
        assertThat(verified.matches("sp-a", "hash-1", "Secret")).isFalse();
        assertThat(verified.matches("sp-a", "hash-2", "secret")).isFalse();
        assertThat(verified.matches("sp-b", "hash-1", "secret")).isFalse();
        verified.forget("sp-a");
        assertThat(verified.matches("sp-a", "hash-1", "secret")).isFalse();
    }

    @Test
    void startsOverInsteadOfGrowingPastItsLimit() {
        VerifiedSecrets verified = new VerifiedSecrets();
        for (int i = 0; i < VerifiedSecrets.MAX_ENTRIES; i++) {
            verified.remember("sp-" + i, "h", "s");
        }
        assertThat(verified.size()).isEqualTo(VerifiedSecrets.MAX_ENTRIES);

        verified.remember("sp-one-more", "h", "s");

        assertThat(verified.size()).isEqualTo(1);
        assertThat(verified.matches("sp-one-more", "h", "s")).isTrue();
    }
}
