"""The registry RubinTV and Rapid Analysis share: cameras and their channels, locations
(bucket, profile, endpoint), processing controls, cluster-status sets, and today's legacy
producer channel names. All data; lookups return :class:`~ra_contract.result.Result`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from ._js import js_trim
from ._regex import compile_ecma
from .identifiers import CLUSTER_STATUS_SET, CONTROL_NAME, IDENTIFIER_SETS
from .result import Issue, Result, fail, format_issues, issue, ok

MediaType = Literal['image', 'video']


@dataclass(frozen=True)
class ChannelSpec:
    """One channel of one camera: the third segment of its product keys."""

    camera: str
    name: str
    title: str
    #: One product per day (movies, all-sky stills) rather than one per image.
    per_day: bool
    media_type: MediaType
    label: str | None = None
    colour: str | None = None
    text_colour: str | None = None
    icon: str | None = None


@dataclass(frozen=True)
class CameraSpec:
    """A RubinTV camera: the first segment of its product keys."""

    name: str
    title: str
    #: The butler instrument its products come from (None for all-sky, star trackers, TMA...).
    instrument: str | None
    #: Another camera whose metadata.json this camera's table reads.
    metadata_from: str | None
    night_report_label: str
    #: Its channels' names, in RubinTV's display order.
    channels: tuple[str, ...]
    image_viewer_link: str | None = None
    copy_row_template: str | None = None
    time_since_clock_label: str | None = None


@dataclass(frozen=True)
class Endpoint:
    """An S3 endpoint: a fixed URL, or one read from an environment variable at run time."""

    url: str | None = None
    from_env: str | None = None
    default: str | None = None

    def resolve(self, environ: Mapping[str, str] | None = None) -> str | None:
        """The URL to use: the fixed one, else the variable's value, else the default."""
        if self.url is not None:
            return self.url
        env = os.environ if environ is None else environ
        value = env.get(self.from_env or '')
        return value if value else self.default


@dataclass(frozen=True)
class CameraGroup:
    title: str
    cameras: tuple[str, ...]


@dataclass(frozen=True)
class LocationSpec:
    """A RubinTV location: one bucket (and the profile and endpoint to reach it) and the cameras it shows."""

    name: str
    title: str
    bucket: str
    #: AWS profile in the shared credentials file; None when credentials come from the environment.
    profile: str | None
    endpoint: Endpoint
    camera_groups: tuple[CameraGroup, ...]
    is_teststand: bool
    has_cluster_status: bool

    @property
    def cameras(self) -> tuple[str, ...]:
        """Every camera shown at the location, in display order."""
        return tuple(camera for group in self.camera_groups for camera in group.cameras)


@dataclass(frozen=True)
class ControlDomain:
    """What a control accepts: an identifier set, any truthy value, a pattern, or nothing (always refused)."""

    kind: Literal['identifiers', 'truthy', 'pattern', 'refused']
    #: Canonical values (identifier domains) or the canonical "yes" (truthy domains).
    values: tuple[str, ...] = ()
    aliases: Mapping[str, str] | None = None
    #: The identifier set parsing the value (identifier domains).
    identifier_set: str | None = None
    #: ECMAScript regex source (pattern domains), and whether it ignores case.
    pattern: str | None = None
    ignore_case: bool = False
    #: How a matched value is written back: 'verbatim', or 'detector' (ids unpadded, names upper-cased).
    canonical: Literal['verbatim', 'detector'] | None = None
    #: What a valid value looks like, in words.
    expected: str = ''
    #: Refused domains: the rejection code and why.
    code: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class RubinTvMenu:
    """Today's RubinTV admin drop-down for a control (models_data.yaml admin_redis_menus)."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ControlSpec:
    """A processing control: RubinTV SETs ``key``; the consumer answers on ``readback_key``."""

    name: str
    title: str
    key: str
    readback_key: str
    domain: ControlDomain
    #: consume-once: taken with GETDEL and acted on once; read: read with GET each time, never deleted.
    semantics: Literal['consume-once', 'read']
    consumer: str
    writers: tuple[str, ...]
    instruments: tuple[str, ...]
    description: str
    rubintv_menu: RubinTvMenu | None = None


@dataclass(frozen=True)
class ClusterStatusSetSpec:
    """A cluster-status set: one Redis stream and one section of RubinTV's cluster page."""

    name: str
    #: RubinTV's name for the set (redis_detectors[].name in models_data.yaml).
    rubintv_name: str
    title: str
    #: stream:CLUSTER_STATUS_{SET}
    stream_key: str
    #: The key as RubinTV's models_data.yaml lists it (without 'stream:').
    rubintv_key: str
    #: The control restarting the set's workers (RUBINTV_CONTROL_RESET_{SET}).
    reset_control: str
    resettable: bool
    shows_secondary_status: bool
    #: 'detectors' (a cell per detector), 'depths' (a cell per depth) or 'flavours' (a row per flavour).
    coverage: Literal['detectors', 'depths', 'flavours']
    flavours: tuple[str, ...]
    depth: int | None = None


@dataclass(frozen=True)
class LegacyChannel:
    camera: str
    channel: str


# codegen: DATA


# ---- lookups -----------------------------------------------------------------------------------------------

_BY_CAMERA: Final[Mapping[str, tuple[ChannelSpec, ...]]] = {
    camera: tuple(spec for spec in CHANNELS if spec.camera == camera) for camera in CAMERAS
}


def camera_spec(camera: str) -> CameraSpec | None:
    return CAMERAS.get(camera)


def channels_of(camera: str) -> tuple[ChannelSpec, ...]:
    """The channels of one camera, in RubinTV's display order."""
    return _BY_CAMERA.get(camera, ())


def find_channel(camera: str, channel: str) -> ChannelSpec | None:
    return next((spec for spec in channels_of(camera) if spec.name == channel), None)


def is_known_channel(camera: str, channel: str) -> bool:
    """Whether ``channel`` is one of ``camera``'s channels (pass to the S3 key builders to refuse others)."""
    return find_channel(camera, channel) is not None


def parse_channel(camera: str, channel: object, path: str = '') -> Result[ChannelSpec]:
    """The channel of ``camera`` named ``channel`` (exact); an unknown name lists the camera's channels."""
    known = [spec.name for spec in channels_of(camera)]
    expected = f"one of: {', '.join(known)}"
    if not isinstance(channel, str):
        return fail(issue(path, f"channel of camera '{camera}' must be a string", expected, channel))
    spec = find_channel(camera, channel)
    if spec is not None:
        return ok(spec)
    elsewhere = [other.camera for other in CHANNELS if other.name == channel]
    hint = f" ('{channel}' is a channel of {', '.join(elsewhere)})" if elsewhere else ''
    message = f"camera '{camera}' has no channel '{channel}'{hint}; its channels are: {', '.join(known)}"
    return fail(issue(path, message, expected, channel))


def cameras_at(location: str) -> tuple[str, ...]:
    """Every camera shown at a location, in display order."""
    spec = LOCATIONS.get(location)
    return spec.cameras if spec is not None else ()


def camera_for_instrument(instrument: str, flavour: Literal['aos', 'guider'] | None = None) -> str | None:
    """The camera an instrument's products (or its AOS / guider products) are filed under."""
    cameras = INSTRUMENT_CAMERAS.get(instrument, {})
    return cameras.get('default' if flavour is None else flavour)


def camera_for_metadata_channel(value: object, path: str = '') -> Result[str]:
    """The camera a legacy metadata channel (``auxtel_metadata``) writes metadata.json for."""
    parsed = IDENTIFIER_SETS['MetadataChannel'].parse(value, path)
    return ok(METADATA_CHANNEL_CAMERAS[parsed.value]) if parsed.ok else parsed  # type: ignore[index]


def parse_legacy_channel(value: object, path: str = '') -> Result[ChannelSpec]:
    """The registry channel a legacy producer channel name (``summit_imexam``) stands for."""
    expected = f"one of: {', '.join(LEGACY_CHANNELS)}"
    if not isinstance(value, str):
        return fail(issue(path, 'legacy channel must be a string', expected, value))
    if value in LEGACY_CHANNELS:
        legacy = LEGACY_CHANNELS[value]
        return parse_channel(legacy.camera, legacy.channel, path)
    if value in LEGACY_NON_CHANNELS:
        return fail(issue(path, f"legacy channel '{value}' {LEGACY_NON_CHANNELS[value]}", expected, value))
    if value in METADATA_CHANNEL_CAMERAS:
        camera = METADATA_CHANNEL_CAMERAS[value]
        message = f"'{value}' is a metadata channel ({camera}/{{day}}/metadata.json), not a plot channel"
        return fail(issue(path, message, expected, value))
    return fail(issue(path, f"unknown legacy channel '{value}'", expected, value))


# ---- controls ----------------------------------------------------------------------------------------------


def control_key(name: str, prefix: str = '') -> str:
    """``RUBINTV_CONTROL_{NAME}``."""
    return prefix + CONTROLS[name].key


def readback_key(name: str, prefix: str = '') -> str:
    """``RUBINTV_CONTROL_{NAME}_READBACK``: the legacy read-back RubinTV shows above each menu."""
    return prefix + CONTROLS[name].readback_key


def readback_keyspace_channel(name: str, db: int = 0, prefix: str = '') -> str:
    """The keyspace-notification channel RubinTV subscribes to for a read-back."""
    return f'__keyspace@{db}__:{readback_key(name, prefix)}'


def cluster_status_set_of_control(name: str) -> str | None:
    """The cluster-status set a reset control addresses, or None."""
    rest = name[len('RESET_'):] if name.startswith('RESET_') else None
    return rest if rest is not None and CLUSTER_STATUS_SET.is_canonical(rest) else None


def _describe_accepted(spec: ControlSpec) -> str:
    domain = spec.domain
    if domain.kind == 'identifiers':
        aliases = list(domain.aliases or {})
        also = f" (also accepted: {', '.join(aliases)})" if aliases else ''
        return f"one of: {', '.join(domain.values)}{also}"
    if domain.kind == 'truthy':
        return f"any value other than {'/'.join(FALSY_VALUES)} (RubinTV sends 1 or reset)"
    if domain.kind == 'pattern':
        return domain.expected
    return 'nothing: this control is always refused'


def _canonical(domain: ControlDomain, text: str) -> str:
    if domain.canonical == 'detector':
        return str(int(text)) if text.isascii() and text.isdigit() else text.upper()
    return text


def parse_control_value(name: str, raw: object) -> Result[str]:
    """The canonical value for what was written to a control key, or why it is refused.

    ``parse_control_value('CHIP_SELECTION', '5-on-a-die')`` is ``5_ON_A_DIE``;
    ``parse_control_value('AOS_PIPELINE', 'TARTS')`` is ``AOS_TARTS_UNPAIRED``.
    """
    if not CONTROL_NAME.is_canonical(name):
        return fail(issue('', f"unknown control '{name}'", CONTROL_NAME.expected))
    spec = CONTROLS[name]
    expected = _describe_accepted(spec)

    def refuse(message: str) -> Result[str]:
        return fail(issue('', message, expected, raw))

    if not isinstance(raw, str):
        return refuse(f'{spec.key}: the value must be a string')
    text = js_trim(raw)
    domain = spec.domain
    if domain.kind == 'identifiers':
        parsed = IDENTIFIER_SETS[domain.identifier_set or ''].parse(text)
        if parsed.ok:
            return parsed
        return refuse(f"{spec.key}: '{raw}' is not a valid {spec.title}; send {expected}")
    if domain.kind == 'truthy':
        if text == '' or text.upper() in FALSY_VALUES:
            return refuse(f"{spec.key}: '{raw}' does not ask for a reset; send 1 or reset")
        return ok(RESET_VALUE)
    if domain.kind == 'pattern':
        if compile_ecma(domain.pattern or '', domain.ignore_case).search(text):
            return ok(_canonical(domain, text))
        return refuse(f"{spec.key}: '{raw}' is not {domain.expected}")
    return refuse(f'{spec.key}: {domain.reason}; nothing was restarted')


def readback_value(outcome: Mapping[str, str]) -> str:
    """The string for the legacy ``{key}_READBACK``: the value in effect, or a REJECTED_...! token.

    ``outcome`` is ``{'outcome': 'applied' | 'unchanged', 'value': ...}`` or
    ``{'outcome': 'rejected', 'code': <ControlRejection>, ...}``.
    """
    if outcome['outcome'] == 'rejected':
        return LEGACY_REJECTION_READBACK[outcome['code']]
    return outcome['value']


def rejection_for(name: str, issues: tuple[Issue, ...], value_in_effect: str | None = None) -> dict[str, str]:
    """The rejected outcome for a value :func:`parse_control_value` refused."""
    spec = CONTROLS[name]
    code = spec.domain.code if spec.domain.kind == 'refused' and spec.domain.code else 'INVALID_VALUE'
    reason = format_issues(issues) or f'{spec.key}: rejected'
    outcome = {'outcome': 'rejected', 'code': code, 'reason': reason}
    if value_in_effect is not None:
        outcome['value'] = value_in_effect
    return outcome


# ---- cluster status ----------------------------------------------------------------------------------------


def cluster_status_stream_key(cluster_status_set: str, prefix: str = '') -> str:
    """``stream:CLUSTER_STATUS_{SET}``, optionally under a test prefix."""
    return prefix + CLUSTER_STATUS_SETS[cluster_status_set].stream_key


def cluster_status_set_of(flavour: str, depth: int | None = None) -> str | None:
    """The cluster-status set a worker is drawn in, or None (HEAD_NODE, or a depth RubinTV does not show)."""
    for spec in CLUSTER_STATUS_SETS.values():
        if spec.coverage == 'detectors' and flavour in spec.flavours and spec.depth == depth:
            return spec.name
        if spec.coverage in ('depths', 'flavours') and flavour in spec.flavours:
            return spec.name
    return None
