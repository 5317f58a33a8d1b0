"""The demo program: a reference home-room program, fictional data, the same every time. Imports no Textual.

The demo is the reference program of the field study played out in full: one group of nine
students, four completed weekly meetings with attendance, ice-breakers, name recall, the five
social-contact indicators, every round's answers and the counselor's notes. Everything is built
from the tables below, with no clock and no randomness, so the files come out byte for byte the
same on every run.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from homeroom_tui.model import (
    INDICATORS,
    STAGE_KEYS,
    Answers,
    Attendance,
    AttendanceStatus,
    Group,
    IcebreakerUse,
    Meeting,
    Member,
    Observation,
    Stage,
    StageKey,
    Stages,
)
from homeroom_tui.store import Store

DEMO_GROUP_ID = "home-room-2024"

# Fictional students, one from each of nine faculties (names invented for the demo).
DEMO_MEMBERS: tuple[tuple[str, str], ...] = (
    ("Aisyah Putri", "Tarbiyah dan Keguruan"),
    ("Bima Pratama", "Syariah dan Hukum"),
    ("Citra Lestari", "Ushuluddin dan Pemikiran Islam"),
    ("Dimas Saputra", "Dakwah dan Komunikasi"),
    ("Eka Wulandari", "Adab dan Humaniora"),
    ("Fajar Nugroho", "Ekonomi dan Bisnis Islam"),
    ("Gita Anggraini", "Ilmu Sosial dan Ilmu Politik"),
    ("Hendra Wijaya", "Sains dan Teknologi"),
    ("Intan Permata", "Psikologi"),
)

WIB: Final = dt.timezone(dt.timedelta(hours=7), "WIB")
"""Western Indonesia Time, where the study took place."""

MainAnswer = Literal["problem", "resolution", "change"]


@dataclass(frozen=True)
class _Away:
    """A member who was not simply present: late, excused or absent."""

    status: AttendanceStatus
    note: str
    arrived_at: dt.time | None = None


@dataclass(frozen=True)
class _Script:
    """What happened in one meeting, as plain data; :func:`_build_meeting` turns it into a Meeting."""

    number: int
    start: dt.time
    seconds: tuple[int, int, int, int]
    """Seconds each stage ran: opening, transition, activity, closing."""
    checklist: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    """Agenda keys ticked per stage (the agenda's keys for this meeting; a few left unticked)."""
    stage_notes: tuple[str, str, str, str]
    away: dict[str, _Away]
    """Members not simply present; everyone else is."""
    icebreaker: tuple[str, int, str]
    """Library id, rating 1-5, note."""
    recall: dict[str, int]
    """How many present peers each member named correctly (empty: no name recall this meeting)."""
    main_answer: MainAnswer
    """The Answers field the activity round fills."""
    answers: dict[str, tuple[str, str, str]]
    """Per present member: check-in, the activity round's answer, impression at the close."""
    private_notes: str
    extended: dict[StageKey, int] = field(default_factory=dict)
    """Minutes added to a stage during the meeting."""


# Indicator scores per member, meetings 1 to 4: five digits in the order of INDICATORS
# (open_up, join_discussion, confidence, cross_faculty, eye_contact); "" when not there.
# Most members rise from 1-2 to 3-5; Fajar (K6) stays at 2-3, the one who changed least.
OBSERVATIONS: Final[dict[str, tuple[str, str, str, str]]] = {
    "K1": ("21221", "32232", "43343", "54444"),
    "K2": ("22212", "33323", "43434", "44545"),
    "K3": ("11121", "22122", "33233", "43344"),
    "K4": ("12111", "22212", "33323", "44434"),
    "K5": ("22222", "33332", "44343", "55454"),
    "K6": ("21222", "22222", "32232", "32323"),
    "K7": ("11112", "", "23222", "33433"),
    "K8": ("21211", "32222", "33332", ""),
    "K9": ("12121", "22232", "33343", "45444"),
}

OBSERVATION_NOTES: Final[dict[tuple[int, str], str]] = {
    (1, "K1"): "Suara pelan, sering tersenyum tetapi jarang memulai bicara.",
    (1, "K7"): "Menunduk hampir sepanjang pertemuan.",
    (2, "K6"): "Menjawab seperlunya, lebih banyak memegang HP.",
    (2, "K9"): "Mulai menanggapi cerita Bima.",
    (3, "K4"): "Mulai bercanda dengan Hendra.",
    (3, "K7"): "Sudah berani menatap Citra saat berbicara.",
    (4, "K6"): "Masih pasif, tetapi mulai menyapa Bima.",
    (4, "K9"): "Perubahan paling terlihat: bercerita panjang dan percaya diri.",
}

SCRIPTS: Final[tuple[_Script, ...]] = (
    _Script(
        number=1,
        start=dt.time(15, 0),
        seconds=(800, 665, 2670, 640),
        extended={"activity": 5},
        checklist=(
            ("greeting", "thanks", "counselor_intro", "purpose", "confidentiality", "agree_time", "introductions"),
            ("icebreaker", "explain_activity", "readiness"),
            ("topic", "share", "respond", "discuss"),
            ("announce_end", "summary", "impressions", "next_meeting", "close"),
        ),
        stage_notes=(
            "Semua hadir; Dimas datang terlambat sekitar sepuluh menit. Perkenalan pelan, banyak yang menunduk.",
            "Pilih Camilan membuat suasana cair; Bima paling banyak tertawa.",
            "Semua menceritakan kesulitannya; Gita bicara sangat singkat. Waktu ditambah lima menit.",
            "Kesan umum: lega karena tidak sendirian. Bertemu lagi Senin depan pukul 15.00.",
        ),
        away={"K4": _Away("late", "Kuliah sebelumnya selesai terlambat.", dt.time(15, 10))},
        icebreaker=("pick-a-snack", 4, "Semua mau memilih camilan dan bercerita singkat; suasana jadi lebih santai."),
        recall={},
        main_answer="problem",
        answers={
            "K1": (
                "Nama saya Aisyah dari Fakultas Tarbiyah dan Keguruan, asal Lahat.",
                "Saya gugup kalau harus bicara di depan banyak orang, jadi lebih sering diam di kelas.",
                "Ternyata bukan saya saja yang gugup. Semoga minggu depan lebih santai.",
            ),
            "K2": (
                "Saya Bima dari Fakultas Syariah dan Hukum, anak rantau dari Jambi.",
                "Saya sulit memulai obrolan dengan orang baru; biasanya menunggu ditegur duluan.",
                "Suasananya seperti di rumah, saya tidak menyangka bisa bercerita.",
            ),
            "K3": (
                "Saya Citra dari Fakultas Ushuluddin, asli Palembang.",
                "Saya takut salah bicara lalu ditertawakan, jadi memilih menyendiri.",
                "Saya senang karena Aisyah punya masalah yang mirip dengan saya.",
            ),
            "K4": (
                "Saya Dimas dari Fakultas Dakwah dan Komunikasi, asal Baturaja. Maaf terlambat.",
                "Saya minder karena logat daerah saya, jadi jarang ikut mengobrol.",
                "Saya senang diterima dengan baik walaupun datang terlambat.",
            ),
            "K5": (
                "Saya Eka dari Fakultas Adab dan Humaniora, dari Prabumulih.",
                "Teman saya hanya satu-dua; di kelompok besar saya bingung harus bilang apa.",
                "Seru dan camilannya enak. Pesan saya, kita saling sapa kalau bertemu di kampus.",
            ),
            "K6": (
                "Saya Fajar, Fakultas Ekonomi dan Bisnis Islam, dari Sekayu.",
                "Saya lebih nyaman main HP daripada mengobrol; tidak tahu harus mulai dari mana.",
                "Lumayan. Saya masih canggung, tapi mau datang lagi.",
            ),
            "K7": (
                "Saya Gita dari FISIP, asal Lubuklinggau.",
                "Saya susah menatap mata orang saat bicara, jadi sering dianggap cuek.",
                "Saya belum banyak bicara, tapi saya mendengarkan semuanya.",
            ),
            "K8": (
                "Saya Hendra dari Fakultas Sains dan Teknologi, dari Muara Enim.",
                "Tugas di jurusan saya kebanyakan individu, jadi saya jarang kenal orang di luar kelas.",
                "Saya dapat teman baru dari fakultas lain, itu sudah cukup bagi saya hari ini.",
            ),
            "K9": (
                "Saya Intan dari Fakultas Psikologi, pindahan dari Lampung.",
                "Saya baru pindah ke Palembang dan belum punya teman dekat di kampus.",
                "Senang bisa kenal Eka dan Gita; ternyata kami tinggal di dekat kos yang sama.",
            ),
        },
        private_notes=(
            "Gita hampir tidak menatap siapa pun; perlu pendekatan pelan-pelan. "
            "Dimas tampak malu karena terlambat, sapa dia lebih dulu minggu depan."
        ),
    ),
    _Script(
        number=2,
        start=dt.time(15, 3),
        seconds=(730, 555, 2300, 570),
        checklist=(
            ("greeting", "thanks", "confidentiality", "agree_time", "checkin", "name_recall"),
            ("icebreaker", "explain_activity", "questions", "readiness"),
            ("atmosphere", "topic", "respond", "encourage", "observe", "game"),
            ("announce_end", "summary", "impressions", "next_meeting", "close"),
        ),
        stage_notes=(
            "Gita izin karena ujian; Bima terlambat. Mengingat nama: rata-rata baru ingat dua sampai tiga nama.",
            "Putaran nama diulang sekali lagi; beberapa nama masih tertukar.",
            "Obrolan santai lebih hidup daripada minggu lalu. Fajar dan Hendra masih banyak diam.",
            "Sepakat bertemu Senin depan di ruang yang sama.",
        ),
        away={
            "K2": _Away("late", "Ada kuliah pengganti.", dt.time(15, 8)),
            "K7": _Away("excused", "Izin ujian susulan."),
        },
        icebreaker=("name-recall-round", 3, "Masih banyak yang lupa nama, tetapi semua tertawa saat salah sebut."),
        recall={"K1": 3, "K2": 2, "K3": 3, "K4": 2, "K5": 4, "K6": 2, "K8": 3, "K9": 3},
        main_answer="problem",
        answers={
            "K1": (
                "Alhamdulillah baik. Minggu ini banyak tugas microteaching.",
                "Saya cerita soal presentasi yang membuat saya deg-degan; teman-teman memberi semangat.",
                "Hari ini lebih santai daripada minggu lalu.",
            ),
            "K2": (
                "Baik, maaf terlambat karena kuliah pengganti. Saya sempat ikut kajian di masjid kampus.",
                "Saya cerita sulitnya tinggal di asrama dengan teman sekamar yang pendiam.",
                "Ternyata banyak yang mengalami hal yang sama dengan saya.",
            ),
            "K3": (
                "Kabar baik. Saya sempat menyapa Aisyah di perpustakaan, rasanya senang.",
                "Saya masih takut bertanya ke dosen, tapi Dimas bilang dia juga begitu.",
                "Saya berani bicara lebih lama hari ini.",
            ),
            "K4": (
                "Baik. Akhir pekan kemarin saya pulang kampung.",
                "Logat saya sering ditiru teman; ternyata di sini tidak ada yang mempermasalahkannya.",
                "Saya senang tidak ada yang menertawakan logat saya.",
            ),
            "K5": (
                "Baik sekali, saya makan siang bareng Intan di kantin.",
                "Saya berbagi cara saya berkenalan: mulai dengan bertanya soal tugas.",
                "Pesan saya, semoga Gita bisa ikut minggu depan.",
            ),
            "K6": (
                "Biasa saja, kebanyakan di kos mengerjakan laporan.",
                "Saya cuma sedikit cerita; masih bingung harus bilang apa.",
                "Masih agak canggung, tapi suasananya enak.",
            ),
            "K8": (
                "Baik. Saya mulai ikut kerja kelompok di kelas.",
                "Saya pernah ditolak saat mau gabung kelompok, sejak itu saya menarik diri.",
                "Saya ingat lebih banyak nama daripada yang saya kira.",
            ),
            "K9": (
                "Baik, minggu ini saya ikut latihan paduan suara untuk pertama kali.",
                "Saya cerita rindu rumah; Bima menanggapi karena dia juga anak rantau.",
                "Terima kasih, saya merasa punya teman di sini.",
            ),
        },
        private_notes=(
            "Bima bercerita soal masalah di asrama; tindak lanjuti secara pribadi. "
            "Fajar masih menjawab seperlunya, perhatikan minggu depan."
        ),
    ),
    _Script(
        number=3,
        start=dt.time(15, 1),
        seconds=(580, 625, 2810, 670),
        checklist=(
            ("greeting", "thanks", "confidentiality", "agree_time", "checkin"),
            ("icebreaker", "explain_activity", "questions", "readiness"),
            ("topic", "respond", "resolution", "appreciate"),
            ("announce_end", "summary", "impressions", "announce_last", "next_meeting", "close"),
        ),
        stage_notes=(
            "Semua hadir. Hampir semua sudah ingat sebagian besar nama teman.",
            "Aku Juga! berjalan baik, banyak yang tertawa bersama.",
            "Setiap anggota menyatakan tekad dan semua diapresiasi. Fajar masih menjawab singkat.",
            "Diumumkan bahwa pertemuan berikutnya adalah yang terakhir.",
        ),
        away={},
        icebreaker=("same-here", 5, "Banyak yang kaget punya kesamaan; Hendra dan Dimas langsung akrab."),
        recall={"K1": 6, "K2": 5, "K3": 6, "K4": 5, "K5": 7, "K6": 4, "K7": 5, "K8": 6, "K9": 6},
        main_answer="resolution",
        answers={
            "K1": (
                "Baik. Minggu ini saya berhasil bertanya di kelas satu kali.",
                "Saya akan mengangkat tangan minimal sekali di setiap mata kuliah.",
                "Saran dari teman-teman sangat membantu.",
            ),
            "K2": (
                "Baik, saya mulai mengobrol dengan teman sekamar.",
                "Saya akan menyapa duluan orang yang duduk di sebelah saya.",
                "Saya merasa didukung, terima kasih semuanya.",
            ),
            "K3": (
                "Alhamdulillah baik, minggu ini saya ikut diskusi kelompok.",
                "Saya akan berhenti menunggu kalimat saya sempurna sebelum bicara.",
                "Saya senang bisa memberi saran kepada Gita.",
            ),
            "K4": (
                "Baik. Saya dan Hendra sempat ngopi bareng setelah kuliah.",
                "Saya tidak akan lagi menyembunyikan logat saya; itu bagian dari diri saya.",
                "Seru, kita makin akrab.",
            ),
            "K5": (
                "Baik, sedang sibuk persiapan ujian tengah semester.",
                "Saya akan mengajak satu teman baru makan siang setiap minggu.",
                "Sayang minggu depan sudah pertemuan terakhir.",
            ),
            "K6": (
                "Biasa saja, agak capek karena praktikum.",
                "Saya akan mencoba tidak main HP kalau ada teman di dekat saya.",
                "Lumayan, saya dapat ide dari Bima.",
            ),
            "K7": (
                "Baik. Maaf minggu lalu tidak datang karena ujian susulan.",
                "Saya akan berlatih menatap mata lawan bicara, mulai dari Citra yang duduk di sebelah saya.",
                "Saya lega bisa bercerita hari ini.",
            ),
            "K8": (
                "Baik, Dimas mengajak saya ngopi dan kami mengobrol lama.",
                "Saya akan mencoba ikut satu kegiatan UKM semester ini.",
                "Saya semangat mencoba tekad saya.",
            ),
            "K9": (
                "Baik sekali, saya tampil pertama kali bersama paduan suara.",
                "Saya akan lebih sering keluar kos bersama teman, tidak hanya menelepon keluarga.",
                "Hari ini paling berkesan sejauh ini.",
            ),
        },
        private_notes=(
            "Tekad Dimas soal logatnya sangat menyentuh. Fajar perlu diajak bicara empat mata setelah program selesai."
        ),
    ),
    _Script(
        number=4,
        start=dt.time(15, 2),
        seconds=(630, 705, 2840, 715),
        checklist=(
            ("greeting", "thanks", "last_meeting", "confidentiality", "agree_time", "checkin"),
            ("icebreaker", "explain_activity", "readiness"),
            ("topic", "respond", "appreciate", "commitment"),
            ("announce_end", "summary", "impressions", "close_program", "farewell"),
        ),
        stage_notes=(
            "Hendra tidak hadir tanpa keterangan. Suasana hangat sejak awal.",
            "Dulu dan Sekarang memancing cerita tentang perubahan.",
            "Semua perubahan diapresiasi; Intan dan Eka bercerita paling panjang.",
            "Program ditutup dengan kesan, pesan, dan foto bersama.",
        ),
        away={"K8": _Away("absent", "Tanpa keterangan; sudah dihubungi lewat pesan.")},
        icebreaker=("then-and-now", 4, "Cocok untuk pertemuan terakhir; beberapa anggota terharu."),
        recall={"K1": 7, "K2": 7, "K3": 7, "K4": 6, "K5": 7, "K6": 6, "K7": 6, "K9": 7},
        main_answer="change",
        answers={
            "K1": (
                "Baik, minggu ini saya presentasi tanpa terlalu gugup.",
                "Dulu saya diam di kelas, sekarang berani bertanya dan presentasi. Saya akan terus berlatih.",
                "Terima kasih, program ini mengubah cara saya bergaul.",
            ),
            "K2": (
                "Baik. Saya dan teman sekamar sekarang sering makan bareng.",
                "Sekarang saya yang menyapa duluan. Saya berkomitmen tetap begitu.",
                "Pesan saya, kita tetap berteman setelah program selesai.",
            ),
            "K3": (
                "Baik, saya ikut lomba debat fakultas sebagai anggota tim.",
                "Saya tidak lagi takut salah bicara; buktinya saya berani ikut debat.",
                "Saya akan merindukan suasana karpet dan camilan ini.",
            ),
            "K4": (
                "Baik. Minggu ini saya jadi pembawa acara di kegiatan himpunan.",
                "Saya sekarang bangga dengan logat saya dan lebih sering mengobrol.",
                "Sangat berkesan, terima kasih kepada konselor dan teman-teman.",
            ),
            "K5": (
                "Baik, saya sudah makan siang bareng tiga teman baru.",
                "Lingkar pertemanan saya bertambah, bukan cuma satu-dua orang lagi.",
                "Semoga grup WhatsApp kita tetap ramai.",
            ),
            "K6": (
                "Baik, minggu ini biasa saja.",
                "Mungkin sedikit; saya mulai menyapa Bima kalau bertemu di masjid kampus.",
                "Terima kasih, saya masih harus banyak belajar.",
            ),
            "K7": (
                "Baik, Aisyah dan saya belajar bersama untuk ujian.",
                "Saya mulai bisa menatap mata lawan bicara, walau masih sebentar. Saya akan terus mencoba.",
                "Saya senang bisa ikut sampai akhir.",
            ),
            "K9": (
                "Baik sekali, sekarang saya sudah punya teman dekat di kampus.",
                "Saya tidak merasa sendirian lagi di kota ini. Terima kasih Eka yang sering mengajak saya.",
                "Program ini membuat saya betah kuliah di sini.",
            ),
        },
        private_notes=(
            "Hendra absen; hubungi untuk sesi penutup pribadi. "
            "Perubahan paling kecil pada Fajar; tawarkan konseling individual."
        ),
    ),
)


def demo_group() -> Group:
    """The demo group: 9 fictional students, 4 weekly meetings from 2024-01-15."""
    return Group(
        id=DEMO_GROUP_ID,
        name="Home Room 2024",
        counselor="Konselor Demo",
        created=dt.date(2024, 1, 8),
        meetings_planned=4,
        first_meeting=dt.date(2024, 1, 15),
        every_days=7,
        members=[Member(id=f"K{i}", name=name, faculty=faculty) for i, (name, faculty) in enumerate(DEMO_MEMBERS, 1)],
    )


def _attendance(member_ids: list[str], away: dict[str, _Away]) -> dict[str, Attendance]:
    """Everyone present except the members listed in ``away``."""
    result: dict[str, Attendance] = {}
    for member_id in member_ids:
        if member_id in away:
            entry = away[member_id]
            result[member_id] = Attendance(status=entry.status, arrived_at=entry.arrived_at, note=entry.note)
        else:
            result[member_id] = Attendance(status="present")
    return result


def _recalled(member_id: str, present: list[str], count: int) -> list[str]:
    """The ``count`` present peers a member named: those sitting closest in the circle first."""
    index = present.index(member_id)
    size = len(present)
    nearest: list[str] = []
    for distance in range(1, size):
        for step in (distance, -distance):
            peer = present[(index + step) % size]
            if peer != member_id and peer not in nearest:
                nearest.append(peer)
    return nearest[:count]


def _observation(scores: str, note: str) -> Observation:
    """An observation from five digits in the order of INDICATORS."""
    values = {key: int(digit) for key, digit in zip(INDICATORS, scores, strict=True)}
    return Observation(**values, note=note)


def _answers(script: _Script, member_id: str) -> Answers:
    """A member's answers in the rounds of one meeting."""
    checkin, main, impression = script.answers[member_id]
    return Answers.model_validate(
        {
            "checkin": checkin,
            script.main_answer: main,
            "impression": impression,
            "ready": True,
            "appreciated": script.main_answer in ("resolution", "change"),
        }
    )


def _stages(group: Group, script: _Script, start: dt.datetime, present: list[str]) -> tuple[Stages, dt.datetime]:
    """The four stages run back to back from ``start``; returns them and when the last one ended."""
    stages: dict[str, Stage] = {}
    clock = start
    for index, key in enumerate(STAGE_KEYS):
        seconds = script.seconds[index]
        ended = clock + dt.timedelta(seconds=seconds)
        stages[key] = Stage(
            planned_min=group.minutes.of(key),
            actual_seconds=float(seconds),
            started_at=clock,
            ended_at=ended,
            extended_min=script.extended.get(key, 0),
            checklist=list(script.checklist[index]),
            round_done=list(present),
            notes=script.stage_notes[index],
        )
        clock = ended
    return Stages(**stages), clock


def _build_meeting(group: Group, script: _Script) -> Meeting:
    """One completed meeting of the demo group from its script."""
    member_ids = [m.id for m in group.members]
    present = [k for k in member_ids if k not in script.away or script.away[k].status == "late"]
    date = group.planned_date(script.number)
    if date is None:  # pragma: no cover - the demo group has a first meeting
        raise ValueError("demo group without a first meeting")
    start = dt.datetime.combine(date, script.start, tzinfo=WIB)
    stages, end = _stages(group, script, start, present)
    icebreaker_id, rating, rating_note = script.icebreaker
    return Meeting(
        group_id=group.id,
        number=script.number,
        date=date,
        status="completed",
        started_at=start,
        ended_at=end,
        stages=stages,
        attendance=_attendance(member_ids, script.away),
        icebreaker=IcebreakerUse(id=icebreaker_id, rating=rating, note=rating_note),
        name_recall={k: _recalled(k, present, n) for k, n in script.recall.items()},
        observations={
            k: _observation(OBSERVATIONS[k][script.number - 1], OBSERVATION_NOTES.get((script.number, k), ""))
            for k in present
        },
        answers={k: _answers(script, k) for k in present},
        private_notes=script.private_notes,
    )


def demo_meetings() -> list[Meeting]:
    """The four completed meetings of the demo program, built from the tables above."""
    group = demo_group()
    return [_build_meeting(group, script) for script in SCRIPTS]


def write_demo(root: Path) -> Store:
    """Write the demo group and its meetings into ``root`` (a folder that should hold nothing else).

    When the demo group's file is already there, nothing is written at all: a counselor may have
    worked in the demo folder, and their changes are never overwritten. A meeting file already
    present is never replaced either.
    """
    store = Store(root)
    group = demo_group()
    if os.path.lexists(store.group_path(group.id)):
        return store
    store.save_group(group)
    for meeting in demo_meetings():
        if not os.path.lexists(store.meeting_path(group.id, meeting.number)):
            store.save_meeting(meeting)
    return store
