"""Chinese-character variants of a name: 沖縄 (Japanese), 沖繩 (traditional), 冲绳 (simplified).

A Chinese text writes Japan's 尖閣諸島 as 尖阁诸岛 and Okinawa's 沖縄 as 冲绳; a Taiwanese text
writes 宜兰 as 宜蘭. The gazetteer lists each name in one script, so the index also looks for
its other forms, converted with OpenCC (the ``opencc`` registry package, Apache-2.0):
Japanese shinjitai to traditional, traditional to simplified, simplified to traditional.
Used only when the prepared index is built.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["variants"]


@functools.cache
def _converters() -> tuple[Any, Any, Any]:
    import opencc

    return opencc.OpenCC("jp2t"), opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def variants(name: str) -> list[str]:
    """Return the other Chinese-character forms of a name (none for a name without Han characters).

    Examples
    --------
    >>> variants("沖縄県")
    ['沖繩縣', '冲绳县']
    >>> variants("Okinawa")
    []
    """
    from geomap.aliases import is_cjk

    if not any(is_cjk(c) for c in name) or any(0x3040 <= ord(c) <= 0x30FF for c in name):
        return []  # no Han characters, or Japanese kana (a text with kana writes the Japanese form)
    japanese, simplify, traditional = _converters()
    forms = [japanese.convert(name)]
    forms.append(simplify.convert(forms[0]))
    forms.append(traditional.convert(forms[1]))
    return [f for f in dict.fromkeys(forms) if f != name]
