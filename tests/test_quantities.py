"""trnews_quantities as a reference of Turkish quantity expressions.

Each row is a news-style sentence (written for these tests), the amount as it
appears, and the expected value, SPEC unit code and period (`type:value`, or
None). Rows starting with a date run with that publication date.
"""

from __future__ import annotations

import math

import pytest
import spacy

import trnews.quantities  # noqa: F401  (registers the factory without the entry point)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_quantities")
    return nlp


def run(nlp, text, date=None):
    doc = nlp.make_doc(text)
    if date:
        doc.user_data["trnews.date"] = date
    return nlp(doc)


def find(doc, surface):
    start = doc.text.index(surface)
    end = start + len(surface)
    hits = [s for s in doc.spans["quantities"] if s.start_char < end and start < s.end_char]
    assert hits, f"no quantity over {surface!r} in {doc.text!r}"
    return hits[0]


def period_of(span):
    p = span._.period
    return None if p is None else f"{p['type']}:{p['value']}"


# (sentence, amount, value, unit, period)
REFERENCE = [
    # --- digits as Turkish writes them ---
    ("Depolarda 1.860.000 ton buğday bulunuyor.", "1.860.000 ton", 1_860_000, "t", None),
    ("Şirket tazminat olarak 1,860,000 dolar ödedi.", "1,860,000 dolar", 1_860_000, "USD", None),
    ("Enflasyon yüzde 3,5 olarak gerçekleşti.", "yüzde 3,5", 3.5, "%", None),
    ("Politika faizi %3,5 oldu.", "%3,5", 3.5, "%", None),
    ("Gelir 1.5 milyon dolara çıktı.", "1.5 milyon dolara", 1_500_000, "USD", None),
    ("Ceza bedeli 15.000 TL oldu.", "15.000 TL", 15_000, "TRY", None),
    ("Bitcoin 124.480,82 dolarlık zirveyi gördü.", "124.480,82 dolarlık", 124_480.82, "USD", None),
    # --- scale words and compounds ---
    ("Kurala uymayan firmalara 3 milyon 275 bin 400 liraya kadar ceza verilecek.", "3 milyon 275 bin 400 liraya", 3_275_400, "TRY", None),
    ("Mevduat 2 trilyon 117 milyar liraya ulaştı.", "2 trilyon 117 milyar liraya", 2_117_000_000_000, "TRY", None),
    ("İhracat 1 milyar 200 milyon dolara ulaştı.", "1 milyar 200 milyon dolara", 1_200_000_000, "USD", None),
    ("Yol 5 bin 500 km uzunluğunda olacak.", "5 bin 500 km", 5_500, "km", None),
    ("Bin lira ceza kesildi.", "Bin lira", 1_000, "TRY", None),
    ("Faiz için bin 500 lira ödendi.", "bin 500 lira", 1_500, "TRY", None),
    ("Bütçe 3 milyar TL olarak açıklandı.", "3 milyar TL", 3_000_000_000, "TRY", None),
    # --- number words ---
    ("Üretim iki buçuk milyon tona çıktı.", "iki buçuk milyon tona", 2_500_000, "t", None),
    ("Proje için yarım milyon dolar ayrıldı.", "yarım milyon dolar", 500_000, "USD", None),
    ("Her aileye on beş bin lira destek verilecek.", "on beş bin lira", 15_000, "TRY", None),
    ("Limana iki yüz elli bin ton yük geldi.", "iki yüz elli bin ton", 250_000, "t", None),
    ("Başarı oranı yüzde yüz oldu.", "yüzde yüz", 100, "%", None),
    ("Tanıtım için ikiyüzelli bin dolarlık bütçe ayrıldı.", "ikiyüzelli bin dolarlık", 250_000, "USD", None),
    ("Ödenek üçyüzyirmialtı trilyon liraya çıktı.", "üçyüzyirmialtı trilyon liraya", 326e12, "TRY", None),
    # --- units with their suffixes ---
    ("Bu yıl üretimin 51 milyar metreküpe ulaşması bekleniyor.", "51 milyar metreküpe", 51e9, "m3", "date:YEAR+0"),
    ("Sahada 150 milyon varillik petrol keşfedildi.", "150 milyon varillik", 150e6, "bbl", None),
    ("Kuyu 2650 metre derinliğe ulaştı.", "2650 metre", 2650, "m", None),
    ("250 MW'lık santral hizmete girdi.", "250 MW'lık", 250, "MW", None),
    ("Ülkenin 1,2 gigavatlık rüzgar kapasitesi var.", "1,2 gigavatlık", 1.2, "GW", None),
    ("Tesis 50 megavat gücünde olacak.", "50 megavat", 50, "MW", None),
    ("Türkiye 2019'da 45 milyar kilovatsaat elektrik ithal etti.", "45 milyar kilovatsaat", 45e9, "kWh", "date:2019"),
    ("Fon 2,5 milyar avroluk olacak.", "2,5 milyar avroluk", 2.5e9, "EUR", None),
    ("200 bin dolarlık teklif reddedildi.", "200 bin dolarlık", 200_000, "USD", None),
    ("Maaş 15 bin TL’ye yükseldi.", "15 bin TL’ye", 15_000, "TRY", None),
    ("Satışlarda %12'lik artış yaşandı.", "%12'lik", 12, "%", None),
    ("Faiz 50 baz puan artırıldı.", "50 baz puan", 50, "bp", None),
    ("Tahvil faizinde 30 baz puanlık dalgalanma görüldü.", "30 baz puanlık", 30, "bp", None),
    ("Tren 120 kilometre/saat hıza ulaştı.", "120 kilometre/saat", 120, "km/h", None),
    ("Hava sıcaklığı 35 dereceyi aştı.", "35 dereceyi", 35, "°C", None),
    ("Erzurum'da sıcaklık eksi 12 dereceye düştü.", "12 dereceye", -12, "°C", None),
    ("Okul 24 bin metrekarelik alanda kuruldu.", "24 bin metrekarelik", 24_000, "m2", None),
    ("Göl 150 kilometrekarelik alanı kaplıyor.", "150 kilometrekarelik", 150, "km2", None),
    ("Çiftçi 500 dönüm araziye ekim yaptı.", "500 dönüm", 500, "decare", None),
    ("Yangında 3 bin hektar orman zarar gördü.", "3 bin hektar", 3_000, "ha", None),
    ("Silindir hacmi 1,6 litreye kadar olan otomobillerde vergi indirildi.", "1,6 litreye", 1.6, "L", None),
    ("Depoya 10 m³ su konuldu.", "10 m³", 10, "m3", None),
    ("Ekmek 500 gram olarak satılacak.", "500 gram", 500, "g", None),
    ("El çantası 8 kilo olabilir.", "8 kilo", 8, "kg", None),
    ("Kemik 4 cm uzatıldı.", "4 cm", 0.04, "m", None),
    ("Simit fiyatına 50 kuruş zam geldi.", "50 kuruş", 0.5, "TRY", None),
    ("Şirket $5 milyon kazandı.", "$5 milyon", 5_000_000, "USD", None),
    ("Bilet 100 sterlin olarak satıldı.", "100 sterlin", 100, "GBP", None),
    ("Otel gecelik 1.000 ruble istiyor.", "1.000 ruble", 1_000, "RUB", None),
    ("Ekmek 500 tenge oldu.", "500 tenge", 500, "KZT", None),
    ("GENÇLERİN YÜZDE 31'İ İŞ ARIYOR", "YÜZDE 31'İ", 31, "%", None),
    ("İHRACAT 5 MİLYAR DOLARLIK SEVİYEYE ULAŞTI", "5 MİLYAR DOLARLIK", 5e9, "USD", None),
    ("Motorinin litre fiyatı 44 lira 50 kuruş oldu.", "44 lira 50 kuruş", 44.5, "TRY/L", None),
    ("Bebek 3 kilo 200 gram doğdu.", "3 kilo 200 gram", 3.2, "kg", None),
    # --- prices per unit ---
    ("Brent petrolün varil fiyatı 84,5 dolara yükseldi.", "84,5 dolara", 84.5, "USD/bbl", None),
    ("Petrol varil başına 67 dolar seviyesinde işlem gördü.", "67 dolar", 67, "USD/bbl", None),
    ("Fiyat 67 dolar/varil oldu.", "67 dolar", 67, "USD/bbl", None),
    ("Gram altın 2.450 liradan satılıyor.", "2.450 liradan", 2_450, "TRY/g", None),
    ("Ons altın 1.950 dolar seviyesinde.", "1.950 dolar", 1_950, "USD/ozt", None),
    ("İncirin kilogramı 300 liradan satılıyor.", "300 liradan", 300, "TRY/kg", None),
    ("İhracatçıya ton başına 500 dolar ödendi.", "500 dolar", 500, "USD/t", None),
    ("Elektriğin megavatsaat başına fiyatı 100 avro oldu.", "100 avro", 100, "EUR/MWh", None),
    ("Benzinin litresi 45,20 liraya yükseldi.", "45,20 liraya", 45.2, "TRY/L", None),
    ("Konutların metrekaresi 50 bin liradan satılıyor.", "50 bin liradan", 50_000, "TRY/m2", None),
    ("Çeyrek altın 4 bin 100 liradan satılıyor.", "4 bin 100 liradan", 4_100, "TRY", None),
    ("Kuyumcularda gram altın 2.950 liradan, çeyrek altın 4.850 liradan satılıyor.", "4.850 liradan", 4_850, "TRY", None),
    ("Cumhuriyet altını 24 bin liradan, gram altın 3.050 liradan satılıyor.", "24 bin liradan", 24_000, "TRY", None),
    ("Rüzgar santrallerinde megavat başına maliyet 1,1 milyon avroya çıktı.", "1,1 milyon avroya", 1.1e6, "EUR/MW", None),
    ("Kurum, dönüm başına 900 lira destek verecek.", "900 lira", 900, "TRY/decare", None),
    ("Analistler onsun 2.800 dolara çıkmasını bekliyor.", "2.800 dolara", 2_800, "USD/ozt", None),
    ("Borsada elektriğin megavatsaat 3.100 lira civarında.", "3.100 lira", 3_100, "TRY/MWh", None),
    # a later price of the same thing, in the same currency and of the same size, is per the same unit
    ("Brent petrolün varil fiyatı 82 dolara yükseldi. Brent petrol haftaya 79,5 dolardan başlamıştı.", "79,5 dolardan", 79.5, "USD/bbl", None),
    ("Brent petrolün varil fiyatı 82 dolara yükseldi. Brent petrol ithalatına 4 bin dolar ödendi.", "4 bin dolar", 4_000, "USD", None),
    # --- ranges, lists and changes ---
    ("Rekoltenin 3-4 milyon ton olması bekleniyor.", "3-4 milyon ton", 3e6, "t", None),
    ("Büyümenin yüzde 2 ile 3 arasında olması bekleniyor.", "yüzde 2 ile 3", 2, "%", None),
    ("Oranın yüzde 5 ile yüzde 7 arasında kalması öngörülüyor.", "yüzde 5 ile yüzde 7", 5, "%", None),
    ("Fiyatlarda 40 ila 75 bin lira düşüş oldu.", "40 ila 75 bin lira", 40_000, "TRY", None),
    ("Aileler 6, 7, 10 dolar ödüyor.", "6", 6, "USD", None),
    ("ÖTV yüzde 80'den 70'e düştü.", "70'e", 70, "%", None),
    ("İhracat 58 bin tondan 150 bin tona çıktı.", "58 bin tondan", 58_000, "t", None),
    # --- rates ---
    ("Şirket yılda 2 milyon ton çimento üretiyor.", "2 milyon ton", 2e6, "t", "rate:P1Y"),
    ("Rafinerinin kapasitesi günlük 200 bin varil.", "200 bin varil", 200_000, "bbl", "rate:P1D"),
    ("İnek günde 15 litre süt veriyor.", "15 litre", 15, "L", "rate:P1D"),
    ("Çalışanlara aylık 15 bin lira maaş ödeniyor.", "15 bin lira", 15_000, "TRY", "rate:P1M"),
    ("Mevduatta haftalık 2 milyar liralık artış görüldü.", "2 milyar liralık", 2e9, "TRY", "rate:P1W"),
    ("Santral saatte 400 megavatsaat elektrik üretiyor.", "400 megavatsaat", 400, "MWh", "rate:PT1H"),
    ("Üretim 1 milyon 860 bin varil/gün seviyesinde.", "1 milyon 860 bin varil", 1_860_000, "bbl", "rate:P1D"),
    ("Yıllık yüzde 65 enflasyon bekleniyor.", "yüzde 65", 65, "%", "rate:P1Y"),
    ("Fındık ihracatımız yıllık yaklaşık 450 milyon dolar.", "450 milyon dolar", 4.5e8, "USD", "rate:P1Y"),
    ("Ocak ayında yüzde 6,7 olan aylık enflasyon, şubatta yüzde 4,5'e geriledi.", "yüzde 6,7", 6.7, "%", "rate:P1M"),
    ("Projeyle 120 bin varil üretim yapılacak ve yıllık 2 milyar dolar gelir elde edilecek.", "120 bin varil", 1.2e5, "bbl",
     None),
    # --- dates ---
    ("2030 yılında kömür üretiminin 95 milyon ton olması hedefleniyor.", "95 milyon ton", 9.5e7, "t",
     "date:2030"),
    ("2019-10-01|Bu yıl tüketimin 57 milyar metreküpe çıkması bekleniyor.", "57 milyar metreküpe", 57e9, "m3",
     "date:2019"),
    ("Mart 2019'da 3 bin megavat kurulu güç devreye alındı.", "3 bin megavat", 3_000, "MW", "date:2019-03"),
    ("2019 Mart ayında 5 milyar dolar ihracat yapıldı.", "5 milyar dolar", 5e9, "USD", "date:2019-03"),
    ("Ekonominin gelecek yıl yüzde 4 büyümesi bekleniyor.", "yüzde 4", 4, "%", "date:YEAR+1"),
    ("Şirket geçen yıl 12 milyar avro ciro elde etti.", "12 milyar avro", 12e9, "EUR", "date:YEAR-1"),
    ("2023'ten itibaren 5 milyar dolar yatırım yapılacak.", "5 milyar dolar", 5e9, "USD", "date:2023/.."),
    ("2020-2025 döneminde 30 milyar dolar yatırım yapılacak.", "30 milyar dolar", 3e10, "USD", "date:2020/2025"),
    ("2022/23 sezonunda 150 bin ton zeytinyağı ihraç edildi.", "150 bin ton", 150_000, "t", "date:2022/2023"),
    ("31 Mart 2024 itibarıyla ihracat yüzde 18 arttı.", "yüzde 18", 18, "%", "date:2024-03-31"),
    ("2020-01-15|Ülke mart ayına kadar 1 milyon varil üretecek.", "1 milyon varil", 1e6, "bbl", "date:../2020-03"),
    ("2024-05-10|Şubat ayında yüzde 67 enflasyon açıklandı.", "yüzde 67", 67, "%", "date:2024-02"),
    ("2030 yılına kadar yüzde 50 azaltım hedefleniyor.", "yüzde 50", 50, "%", "date:../2030"),
    ("Asgari ücret 1 Ocak 2024'ten itibaren net 17 bin 2 lira olacak.", "17 bin 2 lira", 17_002, "TRY",
     "date:2024-01-01/.."),
    ("2023-11-03|TÜİK verilerine göre enflasyon ekimde yüzde 61,36 oldu.", "yüzde 61,36", 61.36, "%", "date:2023-10"),
    ("2025-01-10|Geçen ay 3 milyar dolar ihracat yapıldı.", "3 milyar dolar", 3e9, "USD", "date:2024-12"),
    ("2024 yılında fiyatlar arttı, geçen ay ise yüzde 5 düştü.", "yüzde 5", 5, "%", None),
    ("2015'ten bu yana 20 milyar dolar yatırım yapıldı.", "20 milyar dolar", 2e10, "USD", "date:2015/.."),
    ("1990'lı yıllarda enflasyon yüzde 80'di.", "yüzde 80", 80, "%", "date:1990/1999"),
    ("TÜİK 2019 yılı verilerine göre obezite oranı yüzde 21,2'dir.", "yüzde 21,2", 21.2, "%", "date:2019"),
    ("Satışlar 2021 yılına göre yüzde 5 arttı.", "yüzde 5", 5, "%", None),
    ("İhracat geçen yılın aynı dönemine göre yüzde 5 arttı.", "yüzde 5", 5, "%", None),
    # --- durations ---
    ("Şirket son 5 yılda 3 milyar dolar yatırım yaptı.", "3 milyar dolar", 3e9, "USD", "duration:P5Y"),
    ("Son iki yılda 500 milyon dolar harcandı.", "500 milyon dolar", 5e8, "USD", "duration:P2Y"),
    ("Hesaplarda 16 haftada 747 milyar lira artış yaşandı.", "747 milyar lira", 747e9, "TRY", "duration:P16W"),
    # --- which period wins, and where a date stops ---
    ("Geçen yıl 78 milyar avro olan satışlar 88 milyar avroya çıktı.", "88 milyar avroya", 88e9, "EUR", None),
    ("Ocak ayında yüzde 53 olan faiz şu anda yüzde 42,5 seviyesinde.", "yüzde 42,5", 42.5, "%", None),
    ("Haziranda 200 baz puan; temmuz ve eylül aylarında ise 150 baz puan artış öngörülüyor.", "150 baz puan", 150,
     "bp", None),
    ("2025-08-01|Temmuz'da getiri 43 bin lira idi; bu tarihte stopaj yüzde 15 seviyesindeydi.", "yüzde 15", 15, "%",
     "date:2025-07"),
    ("İhracat 2022/23 sezonunda 58 bin tondan 150 bin tona çıktı.", "58 bin tondan", 58_000, "t", None),
    ("İhracat 2022/23 sezonunda 58 bin tondan 150 bin tona çıktı.", "150 bin tona", 150_000, "t", "date:2022/2023"),
    # a price is a level inside the period: both ends of its change share the date
    ("2024-06-03|Kentte taksi ücreti geçen ay 40 liradan 55 liraya çıktı.", "40 liradan", 40, "TRY", "date:2024-05"),
    ("Şirketler 2019-2021 döneminde zam yaptı. 2020 yılında yeni bir düzenleme geldi. Bal fiyatı aynı dönemde "
     "kilogram başına 80 liradan 140 liraya çıktı.", "80 liradan", 80, "TRY/kg", "date:2019/2021"),
    ("Köprü geçiş ücreti 1 Ocak 2024'ten itibaren 59 liradan 75 liraya yükseltildi.", "59 liradan", 59, "TRY", None),
    # the nearest rate; a rate adjective of another noun (`aylık raporunda`) or before another number is not ours
    ("Ajans aylık raporunda, talebin bu yıl günde 1,5 milyon varil artacağını açıkladı.", "1,5 milyon varil", 1.5e6,
     "bbl", "rate:P1D"),
    ("Kurum günlük 300 bin ekmek dağıttığını, bunun için ayda 15 milyon dolar harcadığını belirtti.",
     "15 milyon dolar", 15e6, "USD", "rate:P1M"),
    ("Sanayi üretimi ağustosta aylık bazda yüzde 1,9 azaldı.", "yüzde 1,9", 1.9, "%", "rate:P1M"),
    ("Hat 22 kilometre uzunluğunda olacak ve günde 80 bin yolcu taşıyacak.", "22 kilometre", 22, "km", None),
    ("Bölgede son 24 saatte metrekareye 95 kilogram yağış düştü.", "95 kilogram", 95, "kg", "duration:PT24H"),
    ("2024-06-03|Yılın ilk 4 ayında ihracat 85 milyar dolara ulaştı.", "85 milyar dolara", 85e9, "USD",
     "date:2024-01/2024-04"),
    ("2024-11-05|Şirket, üçüncü çeyrekte 1,8 milyar lira net kâr açıkladı.", "1,8 milyar lira", 1.8e9, "TRY",
     "date:2024-07/2024-09"),
    ("2024-11-05|Yılın ilk yarısında 20 milyar dolar yatırım yapıldı.", "20 milyar dolar", 2e10, "USD",
     "date:2024-01/2024-06"),
    ("2024-11-05|Maçın ilk yarısında bilet fiyatı 500 liraya çıktı.", "500 liraya", 500, "TRY", None),
    ("2019-05-30|Ceza, şirketin bir önceki yılki cirosunun yüzde 2'si olarak belirlendi.", "yüzde 2'si", 2, "%",
     "date:2018"),
]


@pytest.mark.parametrize("text,surface,value,unit,period", REFERENCE, ids=[r[1] for r in REFERENCE])
def test_reference(nlp, text, surface, value, unit, period):
    date = None
    if text[:4].isdigit() and text[10:11] == "|":
        date, text = text[:10], text[11:]
    span = find(run(nlp, text, date), surface)
    assert span._.value == pytest.approx(value, rel=1e-6)
    assert span._.unit == unit
    assert period_of(span) == period


def test_reference_is_big_enough():
    assert len(REFERENCE) >= 60


RANGES = [
    ("Rekoltenin 3-4 milyon ton olması bekleniyor.", 3e6, 4e6),
    ("Politika faizi yüzde 5-5,25 aralığına yükseltildi.", 5, 5.25),
    ("Fiyatlarda 40 ila 75 bin lira düşüş oldu.", 40_000, 75_000),
    ("Konut fiyatları 800 bin ve 900 bin lira bandında seyrediyor.", 800_000, 900_000),
    ("Toplamda 6 ila 8 cm'lik kısaltma mümkün.", 0.06, 0.08),
    ("Sıcaklıklar 5 ile 10 derece arasında olacak.", 5, 10),
    ("Kolon ücretleri yüzde 50 ile 60 dolayında artırılacak.", 50, 60),
]


@pytest.mark.parametrize("text,low,high", RANGES)
def test_ranges_keep_both_ends(nlp, text, low, high):
    doc = run(nlp, text)
    (span,) = doc.spans["quantities"]
    assert (span._.value, span._.value_max) == (pytest.approx(low), pytest.approx(high))


QUALIFIERS = [
    ("İhracat yıllık yaklaşık 300 milyon dolar.", "approximately"),
    ("Yatırımlar 1 milyar doları aşkın bir tutara ulaştı.", "more_than"),
    ("Kira artışları yüzde 25'ten fazla oldu.", "more_than"),
    ("Marjın en az yüzde 7 olması hedefleniyor.", "at_least"),
    ("Rekoltenin 80 bin ton civarında olması bekleniyor.", "approximately"),
]


@pytest.mark.parametrize("text,qualifier", QUALIFIERS)
def test_qualifiers(nlp, text, qualifier):
    doc = run(nlp, text)
    (span,) = doc.spans["quantities"]
    assert span._.qualifier == qualifier


NOT_QUANTITIES = [
    "Törene 500 kişi katıldı, 3 ülke temsil edildi.",
    '"12. Kazenergy Avrasya Forumu" başladı.',
    "Toplantı saat 14.30'da başlayacak.",
    "Karar 12.03.2019 tarihinde alındı.",
    "Maç 3-1 bitti.",
    "Bilgi için 0 (212) 555 12 34 numaralı hattı arayın.",
    "BIST 100 endeksi 9.500 puandan kapattı.",
    "ABD'nin 10 yıllık tahvil faizi yükseldi.",
    "Çiftçiye bir kuruş bile ödenmedi.",
    "20 yaşındaki genç hayatını kaybetti.",
    "5G teknolojisi 2025'te yaygınlaşacak.",
    "Milyonlarca dolar harcandı.",
    "Dün gece 22.50'de deprem oldu.",
    "Depremin büyüklüğü 4,5 olarak ölçüldü.",
    "Öğrenciler 2. derece yanık tedavisi gördü.",
    "Kanunun 5. maddesi değişti.",
    "Elektrikli araç satışları 10,7 milyona ulaştı.",
    "Yüzlerce vatandaş meydanda toplandı.",
    "Sporcular ilk üç dereceye girdi.",
    "Araç virajda 180 derece döndü.",
    "",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(nlp, text):
    doc = run(nlp, text)
    assert [s.text for s in doc.spans["quantities"]] == []


def test_item_is_the_measured_thing(nlp):
    doc = run(nlp, "Kazakistan'da yılda 90 milyon ton petrol üretiliyor.")
    (span,) = doc.spans["quantities"]
    assert doc.text[span._.item["start"]:span._.item["end"]] == "petrol"
    assert doc.text[span._.period["start"]:span._.period["end"]] == "yılda"


def test_si_values_use_metric_ton_and_oil_barrel(nlp):
    doc = run(nlp, "Yılda 2 ton kömür ve 10 varil petrol kullanılıyor.")
    ton, barrel = doc.spans["quantities"]
    assert (ton._.value_si, ton._.unit_si) == (2000, "kg")
    assert barrel._.value_si == pytest.approx(1.58987, rel=1e-4) and barrel._.unit_si == "m**3"


def test_spans_cover_glued_suffixes(nlp):
    doc = run(nlp, "Üretim 51 milyar metreküpe ulaştı.")
    (span,) = doc.spans["quantities"]
    assert span.text == "51 milyar metreküpe"


def test_odd_input_does_not_crash(nlp):
    for text in ["%", "yüzde", "1.2.3.4.5 ton", "₺₺₺ 5", "\u200b5\u00a0milyon\u00a0dolar", "'" * 50, "5" * 400 + " ton",
                 "yüzde yüzde yüzde 5 ile ile 6", "9" * 30 + " milyar dolar", "İSTANBUL'DA 5 MİLYON TL"]:
        doc = run(nlp, text)
        assert all(math.isfinite(s._.value) for s in doc.spans["quantities"]), text


def test_dense_text_stays_linear(nlp):
    """Every few words an amount, a year, a rate and a price cue, in one sentence with no full stop."""
    import time

    text = "5 ton ve yüzde 3 2019 yılında bu yıl yıllık varil başına 6 dolar " * 800
    start = time.perf_counter()
    doc = run(nlp, text)
    assert len(doc.spans["quantities"]) == 2400
    assert time.perf_counter() - start < 15  # ~1 s here; a quadratic step would take minutes


# (sentence, amount, item): what is measured, as Turkish news writes it. Run through the rule pipeline
# (lemmas, entity rules), so names, titles, verb forms, unit and time words are never the item.
ITEMS = [
    # the noun phrase right after the amount
    ("Bölgede yılda 3 milyon ton kömür çıkarılıyor.", "3 milyon ton", "kömür"),
    ("Kurum, 40 milyon avro kredi sağladığını açıkladı.", "40 milyon avro", "kredi"),
    ("Şirket geçen yıl 2,4 milyar lira gelir elde etti.", "2,4 milyar lira", "gelir"),
    ("Sahada 60 milyar metreküplük yeni bir doğal gaz rezervi bulundu.", "60 milyar metreküplük", "doğal gaz rezervi"),
    ("Firmalara 2 milyon liraya kadar idari para cezası kesilecek.", "2 milyon liraya", "idari para cezası"),
    ("Oyuncuya 3 milyon euroya yakın ek ödeme yapılacak.", "3 milyon euroya", "ödeme"),
    ("Belediye bu yıl 80 kilometre yeni yol yapacak.", "80 kilometre", "yol"),
    ("Limana geçen ay 40 bin ton buğday ithal edildi.", "40 bin ton", "buğday"),  # not into `ithal edildi`
    # the genitive or possessive subject of the clause
    ("Ekonomist Selin Aydın, enflasyonun yüzde 30 ile yüzde 35 arasında kalacağını söyledi.", "yüzde 30 ile yüzde 35", "enflasyonun"),
    ("Birlik Başkanı Cemal Toprak, bu yıl rekoltenin 650 bin ton olacağını belirtti.", "650 bin ton", "rekoltenin"),
    ("Kırmızı mercimeğin kilogramı 45 lira olarak açıklandı.", "45 lira", "Kırmızı mercimeğin"),
    ("Gümüşün ons fiyatı, hafta içinde 31 dolarla zirveyi gördü.", "31 dolarla", "Gümüşün ons fiyatı"),
    ("Karşılaşmanın hasılatı 4,2 milyon lira oldu.", "4,2 milyon lira", "Karşılaşmanın hasılatı"),
    ("Projenin maliyeti 12 milyar lirayı buluyor.", "12 milyar lirayı", "Projenin maliyeti"),
    ("Yem fiyatı aynı dönemde ton başına 700 liradan 1.100 liraya çıktı.", "1.100 liraya", "Yem fiyatı"),
    ("Vali Ahmet Kaya, kentin borcunun 1,8 milyar lira seviyesinde olduğunu aktardı.", "1,8 milyar lira", "kentin borcunun"),
    # time words, comparison bases, instrumental changes and postpositions are skipped
    ("Ünal, ihracatın nisanda geçen yılın aynı ayına göre yüzde 4,1 arttığını söyledi.", "yüzde 4,1", "ihracatın"),
    ("Şirketin hisseleri, açıklamanın ardından günü yüzde 6,5 yükselişle kapattı.", "yüzde 6,5", "Şirketin hisseleri"),
    ("Net kâr bir önceki yıla göre yüzde 28 artışla 310 milyon liraya yükseldi.", "yüzde 28", "kâr"),
    ("Kentte toplu ulaşımda tam bilet ücreti 12 liradan 17 liraya çıktı.", "17 liraya", "tam bilet ücreti"),
    ("Dolar 38,2 liradan, avro ise 41,5 liradan işlem gördü.", "38,2 liradan", "Dolar"),  # another currency is priced
    ("Gümüşün ons fiyatı en yüksek seviyeyi test ederken 32 dolardan işlem gördü.", "32 dolardan", "Gümüşün ons fiyatı"),
    ("İhracat tutar bazında yüzde 15 artarak 90 milyon dolara çıktı.", "yüzde 15", "İhracat"),
    ("Sektörün cirosu bir önceki yıla göre iki kat artarak 4 milyar liraya ulaştı.", "4 milyar liraya", "Sektörün cirosu"),
    ("Fabrika 15 bin metrekarelik alanda kuruldu.", "15 bin metrekarelik", "alanda"),  # `-lIk` + its noun in any case
    ("Yüzde 45'i aşan kira artışları tepki çekti.", "Yüzde 45'i", "kira artışları"),  # amount, participle, its noun
    ("Faaliyet marjı yüzde 1,2'den yüzde 2,8'e yükseldi.", "yüzde 2,8'e", "Faaliyet marjı"),
    ("Kredi talebi, faiz kararının ardından yüzde 15 oranında artış gösterdi.", "yüzde 15", "Kredi talebi"),
    ("Talep yok. Yüzde 10 seviyelerinde bir azalma oldu.", "Yüzde 10", "azalma"),  # a change with no subject
    ("Ons altın şu sıralar 2.350 dolar seviyesinden işlem görüyor.", "2.350 dolar", "Ons altın"),
    ("Motor hacmi 1,6 litreye kadar olan araçlarda vergi düştü.", "1,6 litreye", "Motor hacmi"),
    ("Kripto paranın 68 bin dolarlık zirvesi geride kaldı.", "68 bin dolarlık", "Kripto paranın"),
    ("Sofralık zeytin ihracatımız bu sezon yüzde 12 artarak 140 milyon dolara yükseldi.", "140 milyon dolara", "Sofralık zeytin ihracatımız"),
]


@pytest.mark.parametrize("text,surface,item", ITEMS, ids=[row[2] for row in ITEMS])
def test_items(rules_nlp, text, surface, item):
    doc = rules_nlp(text)
    span = find(doc, surface)
    assert span._.item is not None, f"no item for {surface!r}"
    assert doc.text[span._.item["start"]:span._.item["end"]] == item
