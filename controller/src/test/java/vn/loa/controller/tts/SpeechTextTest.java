package vn.loa.controller.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class SpeechTextTest {

    @Test
    void spacingLineBreaksControlCharactersAndCompositionDoNotMakeADifferentText() {
        SpeechText plain = SpeechText.of("Loa xã sẽ phát lúc 6 giờ.");
        SpeechText messy = SpeechText.of("\n  Loa  xã\tsẽ\u0007phát\r\nlúc 6 giờ.  "
                .replace("ã", Normalizer.normalize("ã", Normalizer.Form.NFD)));

        assertThat(messy.text()).isEqualTo("Loa xã sẽ phát lúc 6 giờ.");
        assertThat(messy).isEqualTo(plain);
        assertThat(messy.sha256()).isEqualTo(plain.sha256()).hasSize(64);
        assertThat(SpeechText.of("Loa xã sẽ phát lúc 7 giờ.").sha256()).isNotEqualTo(plain.sha256());
    }

    @Test
    void theTitleIsTheWholeShortTextOrTheFirstEightyCharactersOfALongOne() {
        String eighty = "Đ".repeat(SpeechText.TITLE_CHARS);
        assertThat(SpeechText.of(eighty).title()).isEqualTo(eighty);

        String title = SpeechText.of(eighty + " và còn nữa").title();
        assertThat(title).isEqualTo(eighty + "…");
    }

    @Test
    void aLongTitleIsCutBetweenCodePointsNotInsideOne() {
        String emoji = "\uD83D\uDCE2"; // a loudspeaker, two UTF-16 units
        String text = "a".repeat(SpeechText.TITLE_CHARS - 1) + emoji + emoji;

        String title = SpeechText.of(text).title();

        assertThat(title).isEqualTo("a".repeat(SpeechText.TITLE_CHARS - 1) + emoji + "…");
    }
}
