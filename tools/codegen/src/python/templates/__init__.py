"""ra_contract: the names and messages Rapid Analysis and RubinTV exchange, for Python.

Generated from @rubin/ra-contract (the TypeScript package is the source of truth) and
held to it by the same language-neutral test vectors. Standard library only.

>>> from ra_contract import build_s3_key, parse_control_value
>>> build_s3_key({'kind': 'event', 'camera': 'lsstcam', 'channel': 'focal_plane_mosaic',
...               'dayObs': 20251115, 'seq': 226, 'ext': 'jpg'}).value
'lsstcam/2025-11-15/focal_plane_mosaic/000226/lsstcam_focal_plane_mosaic_2025-11-15_000226.jpg'
>>> parse_control_value('CHIP_SELECTION', '5-on-a-die').value
'5_ON_A_DIE'

Message validation is in :mod:`ra_contract.validate` (as in TypeScript's ``@rubin/ra-contract/validate``):
``from ra_contract.validate import validate, validate_received``.
"""

from __future__ import annotations

from typing import Final

from .day_obs import (
    current_day_obs,
    day_obs_end,
    day_obs_of,
    day_obs_range,
    day_obs_start,
    format_day_obs,
    is_day_obs,
    next_day_obs,
    parse_day_obs,
    previous_day_obs,
)
from .identifiers import IDENTIFIER_SETS, IdentifierSet
from .ids import ccd_exposure_id, exposure_id, obs_id, parse_exposure_id, parse_obs_id, unpack_ccd_exposure_id
from .redis_keys import (
    REDIS_KEYS,
    RedisKeys,
    encode_cluster_status,
    parse_processing_id,
    parse_redis_key,
    parse_worker_id,
    processing_id,
    redis_key,
    try_redis_key,
    worker_id,
)
from .registry import (
    CAMERAS,
    CHANNELS,
    CLUSTER_STATUS_SETS,
    CONTROLS,
    LOCATIONS,
    channels_of,
    cluster_status_stream_key,
    control_key,
    find_channel,
    is_known_channel,
    parse_channel,
    parse_control_value,
    parse_legacy_channel,
    readback_key,
)
from .result import Issue, Result, format_issues
from .s3_keys import KEY_KINDS, build_s3_key, parse_s3_key, rubintv_v2_route
from .validate import MESSAGE_NAMES, MESSAGES

# codegen: VERSION

__all__ = [
    'CAMERAS',
    'CHANNELS',
    'CLUSTER_STATUS_SETS',
    'CONTRACT_MAJOR',
    'CONTRACT_VERSION',
    'CONTROLS',
    'IDENTIFIER_SETS',
    'KEY_KINDS',
    'LOCATIONS',
    'MESSAGES',
    'MESSAGE_NAMES',
    'REDIS_KEYS',
    'IdentifierSet',
    'Issue',
    'RedisKeys',
    'Result',
    'build_s3_key',
    'ccd_exposure_id',
    'channels_of',
    'cluster_status_stream_key',
    'control_key',
    'current_day_obs',
    'day_obs_end',
    'day_obs_of',
    'day_obs_range',
    'day_obs_start',
    'encode_cluster_status',
    'exposure_id',
    'find_channel',
    'format_day_obs',
    'format_issues',
    'is_day_obs',
    'is_known_channel',
    'next_day_obs',
    'obs_id',
    'parse_channel',
    'parse_control_value',
    'parse_day_obs',
    'parse_exposure_id',
    'parse_legacy_channel',
    'parse_obs_id',
    'parse_processing_id',
    'parse_redis_key',
    'parse_s3_key',
    'parse_worker_id',
    'previous_day_obs',
    'processing_id',
    'readback_key',
    'redis_key',
    'rubintv_v2_route',
    'try_redis_key',
    'unpack_ccd_exposure_id',
    'worker_id',
]
