"""Exposure, ccdexposure and obs ids: how RA, the butler and ConsDB name one exposure
(and one detector of it). Builders and parsers return :class:`~ra_contract.result.Result`.

- exposure id (= visit id): YYYYMMDD followed by a 5-digit seq_num, where controllers
  other than O add index x 10,000,000 to YYYYMMDD, except C after 2023-10-04 and P, Q, S
  after 2025-04-17 (obs_lsst ``compute_exposure_id``): S, 2024-04-03, seq 451 -> 7024040300451.
- ccdexposure id (= ccdvisit id), obs_lsst's RubinDimensionPacker with controllers:
  ``detector + 256 * (seq + 32768 * (days since 2010-01-01 + 16384 * controller_index))``.
- obs id: ``{code}_{controller}_{YYYYMMDD}_{seq:06d}``, e.g. MC_O_20250415_000060.

Parts and parsed values are dicts keyed as in the contract's JSON (``dayObs``, ``seqNum``,
``controller``, ``detector``), so test vectors and messages read the same in every language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from ._js import MISSING, display, is_integer, is_number, is_safe_integer, js_number, js_typeof
from .day_obs import DAY_OBS_MAX, DAY_OBS_MIN, day_obs_to_epoch_day, epoch_day_to_day_obs, parse_day_obs
from .identifiers import CONTROLLER, INSTRUMENT, INSTRUMENT_CODE
from .result import Issue, Result, fail, issue, ok

# codegen: CONSTANTS

# Years 2000..2999 only: a 1xxx year would decode as a negative controller index.
_EXPOSURE_MIN_DAY: Final = 20000101
_EXPOSURE_MAX_DAY: Final = 29991231
_SEQ_FACTOR: Final = 10**EXPOSURE_ID_SEQ_DIGITS
_N_DETECTORS: Final = 256
_N_SEQ_NUMS: Final = 32_768
_N_DAYS: Final = 16_384
_N_CONTROLLERS: Final = 8
_CCD_BEGIN: Final = 20100101
_CODES: Final = tuple(dict.fromkeys(INSTRUMENT_CODE.values()))
_OBS_ID_RE: Final = re.compile(r'([A-Z]{2})_([A-Z])_([0-9]{8})_([0-9]{6})')
_OBS_ID_EXPECTED: Final = (
    f"{{code}}_{{controller}}_{{YYYYMMDD}}_{{seq:06d}} with code one of {', '.join(_CODES)}, "
    'e.g. MC_O_20250415_000060'
)


# ---- field checks ------------------------------------------------------------------------------------------


def _check_integer(value: object, path: str, name: str, low: int, high: int, why: str = '') -> list[Issue]:
    if is_integer(value) and low <= value <= high:  # type: ignore[operator]
        return []
    if is_number(value):
        got = js_number(value)  # type: ignore[arg-type]
    else:
        got = f"'{value}'" if isinstance(value, str) else js_typeof(value)
    return [issue(path, f'{name} must be an integer {low}..{high}{why}; got {got}', f'{low}..{high}', value)]


def _check_day_obs(value: object, path: str, low: int, high: int, why: str = '') -> list[Issue]:
    if not is_number(value):
        return [issue(path, f'dayObs must be an integer YYYYMMDD; got {js_typeof(value)}', 'YYYYMMDD', value)]
    parsed = parse_day_obs(value, path)
    if not parsed.ok:
        return list(parsed.issues)
    if value < low or value > high:  # type: ignore[operator]
        message = f'dayObs must be {low}..{high}{why}; got {js_number(value)}'  # type: ignore[arg-type]
        return [issue(path, message, f'{low}..{high}', value)]
    return []


def _check_controller(value: object, path: str) -> list[Issue]:
    parsed = CONTROLLER.parse(value, path)
    return [] if CONTROLLER.is_canonical(value) or parsed.ok else list(parsed.issues)


def _check_object(value: object, path: str, shape: str) -> list[Issue]:
    if isinstance(value, Mapping):
        return []
    got = 'null' if value is None else js_typeof(value)
    return [issue(path, f'expected an object {shape}; got {got}', None, value)]


def _to_safe_integer(value: object) -> int | None:
    """A non-negative safe integer from a number or a decimal string (ids arrive as both)."""
    if is_number(value):
        safe = is_safe_integer(value) and value >= 0  # type: ignore[operator]
        return int(value) if safe else None  # type: ignore[arg-type]
    if isinstance(value, str) and re.fullmatch(r'[0-9]{1,16}', value):
        return _to_safe_integer(int(value))
    return None


def _get(parts: Mapping[str, Any], name: str) -> Any:
    return parts.get(name, MISSING)


# ---- exposure ids ------------------------------------------------------------------------------------------


def controller_offset_index(controller: str, day_obs: int) -> int:
    """The controller's offset index on that day (0 when its ids carry none)."""
    last_day = CONTROLLER_OFFSET_LAST_DAY.get(controller)
    if last_day is not None and day_obs > last_day:
        return 0
    return CONTROLLER.values.index(controller)


def _exposure_parts_issues(parts: object) -> list[Issue]:
    shape = _check_object(parts, '', '{dayObs, seqNum, controller}')
    if shape:
        return shape
    assert isinstance(parts, Mapping)
    why_day, why_seq = ' (years 2000..2999) for an exposure id', ' (5 digits in an exposure id)'
    return [
        *_check_day_obs(_get(parts, 'dayObs'), '/dayObs', _EXPOSURE_MIN_DAY, _EXPOSURE_MAX_DAY, why_day),
        *_check_integer(_get(parts, 'seqNum'), '/seqNum', 'seqNum', 0, EXPOSURE_ID_SEQ_MAX, why_seq),
        *_check_controller(_get(parts, 'controller'), '/controller'),
    ]


def exposure_id(parts: Mapping[str, Any]) -> Result[int]:
    """obs_lsst's exposure id for ``{'dayObs', 'seqNum', 'controller'}``."""
    issues = _exposure_parts_issues(parts)
    if issues:
        return fail(*issues)
    day_obs, seq_num, controller = int(parts['dayObs']), int(parts['seqNum']), parts['controller']
    shifted = day_obs + controller_offset_index(controller, day_obs) * CONTROLLER_INCREMENT
    return ok(shifted * _SEQ_FACTOR + seq_num)


def parse_exposure_id(value: object, path: str = '') -> Result[dict[str, Any]]:
    """Best-effort inverse of :func:`exposure_id`: ``{dayObs, seqNum, controller, possibleControllers}``.

    An id with no offset is O, but also C after 2023-10-04 and P, Q or S after 2025-04-17;
    ``controller`` is the first candidate and ``possibleControllers`` lists them all.
    """
    expected = 'YYYYMMDD (+ controller offset) followed by a 5-digit seq_num, e.g. 2025041500060'
    n = _to_safe_integer(value)
    if n is None:
        message = f'exposure id must be a non-negative integer; got {display(value)}'
        return fail(issue(path, message, expected, value))
    seq_num = n % _SEQ_FACTOR
    shifted = n // _SEQ_FACTOR
    index = shifted // CONTROLLER_INCREMENT - 2
    if not 0 <= index < len(CONTROLLER.values):
        years = 'years 2000..7999 (controller offsets 0..5)'
        message = f'exposure id {n} must start with YYYYMMDD in {years}; got {shifted}'
        return fail(issue(path, message, expected, value))
    controller = CONTROLLER.values[index]
    day_obs = shifted - index * CONTROLLER_INCREMENT
    date = parse_day_obs(day_obs, path)
    if not date.ok:
        message = f'exposure id {n} holds no valid day_obs: {date.issues[0].message}'
        return fail(issue(path, message, expected, value))
    possible = [c for c in CONTROLLER.values if controller_offset_index(c, day_obs) == index]
    if not possible:
        last_day = CONTROLLER_OFFSET_LAST_DAY.get(controller)
        message = (
            f"exposure id {n} carries controller {controller}'s offset on {day_obs}, "
            f'but {controller} ids carry no offset after {last_day}'
        )
        return fail(issue(path, message, expected, value))
    return ok(
        {'dayObs': day_obs, 'seqNum': seq_num, 'controller': possible[0], 'possibleControllers': possible}
    )


# ---- ccdexposure ids ---------------------------------------------------------------------------------------


def _ccd_parts_issues(parts: object) -> list[Issue]:
    shape = _check_object(parts, '', '{dayObs, seqNum, controller, detector}')
    if shape:
        return shape
    assert isinstance(parts, Mapping)
    first, last = CCD_EXPOSURE_ID_FIRST_DAY, CCD_EXPOSURE_ID_LAST_DAY
    why = ' for a ccdexposure id'
    return [
        *_check_day_obs(_get(parts, 'dayObs'), '/dayObs', first, last, f'{why} (16384 days from 2010-01-01)'),
        *_check_integer(_get(parts, 'seqNum'), '/seqNum', 'seqNum', 0, 32_767, f'{why} (15 bits)'),
        *_check_controller(_get(parts, 'controller'), '/controller'),
        *_check_integer(_get(parts, 'detector'), '/detector', 'detector', 0, 255, f'{why} (8 bits)'),
    ]


def ccd_exposure_id(parts: Mapping[str, Any]) -> Result[int]:
    """Pack ``{dayObs, seqNum, controller, detector}`` into ConsDB's ccdexposure_id."""
    issues = _ccd_parts_issues(parts)
    if issues:
        return fail(*issues)
    day = day_obs_to_epoch_day(int(parts['dayObs'])) - day_obs_to_epoch_day(_CCD_BEGIN)
    index = CONTROLLER.values.index(parts['controller'])
    seq_num, detector = int(parts['seqNum']), int(parts['detector'])
    return ok(detector + _N_DETECTORS * (seq_num + _N_SEQ_NUMS * (day + _N_DAYS * index)))


def unpack_ccd_exposure_id(value: object, path: str = '') -> Result[dict[str, Any]]:
    """Inverse of :func:`ccd_exposure_id`; refuses visit-only ids and unassigned controller slots."""
    n = _to_safe_integer(value)
    expected = f'an integer 0..{CCD_EXPOSURE_ID_MAX} packed by RubinDimensionPacker'
    if n is None or n > CCD_EXPOSURE_ID_MAX:
        message = f'ccdexposure id must be an integer 0..{CCD_EXPOSURE_ID_MAX}; got {display(value)}'
        return fail(issue(path, message, expected, value))
    detector = n % _N_DETECTORS
    rest = n // _N_DETECTORS
    seq_num = rest % _N_SEQ_NUMS
    rest //= _N_SEQ_NUMS
    day = rest % _N_DAYS
    rest //= _N_DAYS
    index = rest % _N_CONTROLLERS
    if rest // _N_CONTROLLERS != 0:
        message = (
            f'id {n} has the one-to-one visit bit set: '
            'it is a ccdvisit id of a re-interpreted snap, not a ccdexposure id'
        )
        return fail(issue(path, message, expected, value))
    if index >= len(CONTROLLER.values):
        assigned = f"0..{len(CONTROLLER.values) - 1} ({' '.join(CONTROLLER.values)})"
        message = f'id {n} uses controller slot {index}; only {assigned} are assigned'
        return fail(issue(path, message, expected, value))
    day_obs = epoch_day_to_day_obs(day_obs_to_epoch_day(_CCD_BEGIN) + day)
    controller = CONTROLLER.values[index]
    return ok({'dayObs': day_obs, 'seqNum': seq_num, 'controller': controller, 'detector': detector})


# ---- obs ids -----------------------------------------------------------------------------------------------


def _obs_parts_issues(parts: object) -> list[Issue]:
    shape = _check_object(parts, '', '{instrument, controller, dayObs, seqNum}')
    if shape:
        return shape
    assert isinstance(parts, Mapping)
    issues: list[Issue] = []
    instrument = _get(parts, 'instrument')
    if not INSTRUMENT.is_canonical(instrument):
        message = f'unknown Instrument {display(instrument)}'
        issues.append(issue('/instrument', message, INSTRUMENT.expected, instrument))
    issues += _check_controller(_get(parts, 'controller'), '/controller')
    issues += _check_day_obs(_get(parts, 'dayObs'), '/dayObs', DAY_OBS_MIN, DAY_OBS_MAX)
    seq_num = _get(parts, 'seqNum')
    issues += _check_integer(seq_num, '/seqNum', 'seqNum', 0, OBS_ID_SEQ_MAX, ' (6 digits in an obs id)')
    return issues


def obs_id(parts: Mapping[str, Any]) -> Result[str]:
    """``{instrument, controller, dayObs, seqNum}`` -> 'MC_O_20250415_000060'."""
    issues = _obs_parts_issues(parts)
    if issues:
        return fail(*issues)
    code = INSTRUMENT_CODE[parts['instrument']]
    return ok(f"{code}_{parts['controller']}_{int(parts['dayObs'])}_{int(parts['seqNum']):06d}")


def parse_obs_id(value: object, path: str = '') -> Result[dict[str, Any]]:
    """'MC_O_20250415_000060' -> ``{instrumentCode, instruments, controller, dayObs, seqNum}``.

    'CC' serves both LSSTComCam and LSSTComCamSim, so ``instruments`` lists every instrument the code
    may stand for.
    """
    if not isinstance(value, str):
        return fail(issue(path, f'obs id must be a string; got {js_typeof(value)}', _OBS_ID_EXPECTED, value))
    match = _OBS_ID_RE.fullmatch(value)
    if match is None:
        message = f"obs id must look like {_OBS_ID_EXPECTED}; got '{value}'"
        return fail(issue(path, message, _OBS_ID_EXPECTED, value))
    code, controller, date, seq = match.groups()
    issues: list[Issue] = []
    if code not in _CODES:
        message = f"obs id instrument code must be one of {', '.join(_CODES)}; got '{code}'"
        issues.append(issue(path, message, None, value))
    if not CONTROLLER.is_canonical(controller):
        message = f"obs id controller must be one of {', '.join(CONTROLLER.values)}; got '{controller}'"
        issues.append(issue(path, message, None, value))
    day_obs = parse_day_obs(date, path)
    if not day_obs.ok:
        issues += day_obs.issues
    if issues:
        return fail(*issues)
    instruments = [i for i in INSTRUMENT.values if INSTRUMENT_CODE[i] == code]
    return ok(
        {
            'instrumentCode': code,
            'instruments': instruments,
            'controller': controller,
            'dayObs': day_obs.value,
            'seqNum': int(seq),
        }
    )
