"""The Python side of the contract, held to the same language-neutral vectors as TypeScript.

Runs every case of contract/test-vectors/vectors.json (as contract/src/test-vectors.test.ts
does), plus identifier and control parsing, Redis keys, every message's golden examples
(examples.json) valid and broken, and the examples in contract/python/README.md. Run from the
repository root:

    PYTHONPATH=contract/python python3 -m unittest discover -s contract/python/tests -v
"""

from __future__ import annotations

import copy
import doctest
import json
import unittest
from datetime import datetime
from pathlib import Path
from typing import Any

import ra_contract
from ra_contract import identifiers, registry, validate
from ra_contract.day_obs import day_obs_of, format_day_obs, next_day_obs, parse_day_obs
from ra_contract.ids import (
    ccd_exposure_id,
    exposure_id,
    obs_id,
    parse_exposure_id,
    parse_obs_id,
    unpack_ccd_exposure_id,
)
from ra_contract.redis_keys import (
    FORMATS,
    REDIS_KEYS,
    RedisKeys,
    encode_cluster_status,
    parse_redis_key,
    parse_worker_id,
    processing_id,
    redis_key,
    redis_key_parameters,
    try_redis_key,
    worker_id,
)
from ra_contract.result import Result
from ra_contract.s3_keys import KEY_KINDS, build_s3_key, parse_s3_key, rubintv_v2_route

CONTRACT = Path(__file__).resolve().parents[2]
VECTORS = json.loads((CONTRACT / 'test-vectors' / 'vectors.json').read_text(encoding='utf-8'))


def data(entry: dict[str, Any]) -> dict[str, Any]:
    """A vector entry without its comment keys."""
    return {k: v for k, v in entry.items() if not k.startswith('$')}


def instant(text: str) -> datetime:
    """An ISO 8601 instant; 'Z' spelled out for Python 3.10's fromisoformat."""
    return datetime.fromisoformat(text.replace('Z', '+00:00'))


class ContractTestCase(unittest.TestCase):
    def assert_ok(self, result: Result[Any], value: Any) -> None:
        self.assertTrue(result.ok, f'expected ok, got {result.issues}')
        self.assertEqual(result.value, value)

    def assert_refused(self, result: Result[Any], error: str) -> None:
        self.assertFalse(result.ok, f"expected a refusal containing '{error}', got {result.value!r}")
        messages = '\n'.join(result.messages)
        self.assertIn(error, messages)


# ---- the shared vectors -------------------------------------------------------------------------------------


class DayObsVectors(ContractTestCase):
    cases = VECTORS['dayObs']

    def test_of_instant(self) -> None:
        for case in self.cases['ofInstant']:
            with self.subTest(instant=case['instant']):
                self.assertEqual(day_obs_of(instant(case['instant'])), case['dayObs'])

    def test_parse(self) -> None:
        for case in self.cases['parse']:
            with self.subTest(input=case['input']):
                self.assert_ok(parse_day_obs(case['input']), case['dayObs'])

    def test_parse_invalid(self) -> None:
        for case in self.cases['parseInvalid']:
            with self.subTest(input=case['input']):
                self.assert_refused(parse_day_obs(case['input']), case['error'])

    def test_format(self) -> None:
        for case in self.cases['format']:
            with self.subTest(day_obs=case['dayObs']):
                self.assertEqual(format_day_obs(case['dayObs']), case['text'])

    def test_next(self) -> None:
        for case in self.cases['next']:
            with self.subTest(day_obs=case['dayObs']):
                self.assertEqual(next_day_obs(case['dayObs']), case['next'])

    def test_naive_datetimes_are_refused(self) -> None:
        with self.assertRaises(ValueError):
            day_obs_of(datetime(2025, 12, 3, 12))


class ExposureIdVectors(ContractTestCase):
    cases = VECTORS['exposureId']

    def test_build(self) -> None:
        for case in self.cases['build']:
            with self.subTest(**data(case)):
                self.assert_ok(exposure_id(data(case)), case['exposureId'])

    def test_build_invalid(self) -> None:
        for case in self.cases['buildInvalid']:
            with self.subTest(**data(case)):
                self.assert_refused(exposure_id(data(case)), case['error'])

    def test_parse(self) -> None:
        for case in self.cases['parse']:
            expected = data(case)
            value = expected.pop('exposureId')
            with self.subTest(exposure_id=value):
                self.assert_ok(parse_exposure_id(value), expected)

    def test_parse_invalid(self) -> None:
        for case in self.cases['parseInvalid']:
            with self.subTest(exposure_id=case['exposureId']):
                self.assert_refused(parse_exposure_id(case['exposureId']), case['error'])


class CcdExposureIdVectors(ContractTestCase):
    cases = VECTORS['ccdExposureId']

    def test_build_and_unpack(self) -> None:
        for case in self.cases['build']:
            parts = data(case)
            value = parts.pop('ccdExposureId')
            with self.subTest(**parts):
                self.assert_ok(ccd_exposure_id(parts), value)
                self.assert_ok(unpack_ccd_exposure_id(value), parts)

    def test_build_invalid(self) -> None:
        for case in self.cases['buildInvalid']:
            with self.subTest(**data(case)):
                self.assert_refused(ccd_exposure_id(data(case)), case['error'])

    def test_unpack_invalid(self) -> None:
        for case in self.cases['unpackInvalid']:
            with self.subTest(ccd_exposure_id=case['ccdExposureId']):
                self.assert_refused(unpack_ccd_exposure_id(case['ccdExposureId']), case['error'])


class ObsIdVectors(ContractTestCase):
    cases = VECTORS['obsId']

    def test_build(self) -> None:
        for case in self.cases['build']:
            with self.subTest(obs_id=case['obsId']):
                self.assert_ok(obs_id(data(case)), case['obsId'])

    def test_parse(self) -> None:
        for case in self.cases['parse']:
            expected = data(case)
            text = expected.pop('obsId')
            with self.subTest(obs_id=text):
                self.assert_ok(parse_obs_id(text), expected)

    def test_parse_invalid(self) -> None:
        for case in self.cases['parseInvalid']:
            with self.subTest(obs_id=case['obsId']):
                self.assert_refused(parse_obs_id(case['obsId']), case['error'])


class S3KeyVectors(ContractTestCase):
    cases = VECTORS['s3']

    def test_valid_keys_parse_and_rebuild(self) -> None:
        for case in self.cases['valid']:
            with self.subTest(key=case['key']):
                self.assert_ok(parse_s3_key(case['key']), case['parsed'])
                self.assert_ok(build_s3_key(case['parsed']), case['key'])

    def test_parse_invalid(self) -> None:
        for case in self.cases['parseInvalid']:
            with self.subTest(key=case['key']):
                self.assert_refused(parse_s3_key(case['key']), case['error'])

    def test_build_invalid(self) -> None:
        for case in self.cases['buildInvalid']:
            with self.subTest(spec=json.dumps(case['spec'])):
                self.assert_refused(build_s3_key(case['spec']), case['error'])


class RubintvV2Vectors(ContractTestCase):
    def test_routes(self) -> None:
        for case in VECTORS['rubintvV2']['routes']:
            with self.subTest(key=case['key']):
                self.assertEqual(rubintv_v2_route(case['key']), case['route'])


# ---- S3 keys beyond the vectors -----------------------------------------------------------------------------


class S3Keys(ContractTestCase):
    def test_every_kind_example_parses_as_its_kind_and_rebuilds(self) -> None:
        for kind in KEY_KINDS:
            with self.subTest(kind=kind.kind):
                parsed = parse_s3_key(kind.example)
                self.assertTrue(parsed.ok, parsed.issues)
                self.assertEqual(parsed.value['kind'], kind.kind)
                self.assert_ok(build_s3_key(parsed.value), kind.example)
                self.assertEqual(rubintv_v2_route(kind.example), kind.rubintv)

    def test_bad_fields_are_named_by_json_pointer(self) -> None:
        bad = {'kind': 'event', 'camera': 'lsst-cam', 'channel': 'a.b', 'dayObs': 20250230, 'seq': -1, 'ext': 'PNG'}
        result = build_s3_key(bad)
        self.assertFalse(result.ok)
        self.assertEqual([i.path for i in result.issues], ['/camera', '/dayObs', '/channel', '/seq', '/ext'])

    def test_the_channel_registry_hook(self) -> None:
        key = 'lsstcam/2025-12-03/focal_plane_mosaic/000123/lsstcam_focal_plane_mosaic_2025-12-03_000123.jpg'
        self.assertTrue(parse_s3_key(key, is_known_channel=registry.is_known_channel).ok)
        unknown = key.replace('focal_plane_mosaic', 'no_such_channel')
        self.assertTrue(parse_s3_key(unknown).ok)
        self.assert_refused(
            parse_s3_key(unknown, is_known_channel=registry.is_known_channel),
            "segment 3: channel 'no_such_channel' is not a channel of camera 'lsstcam'",
        )

    def test_never_raises(self) -> None:
        for value in (None, 3, 2.5, True, [], {}, {'kind': None}, ['event'], 'a' * 300, '/' * 10, '\n'):
            with self.subTest(value=value):
                self.assertFalse(parse_s3_key(value).ok)
                self.assertFalse(build_s3_key(value).ok)  # type: ignore[arg-type]


# ---- identifiers and controls -------------------------------------------------------------------------------


class Identifiers(ContractTestCase):
    def test_every_token_and_alias_parses_to_its_canonical_token(self) -> None:
        for name, spec in identifiers.IDENTIFIER_SETS.items():
            for value in spec.values:
                with self.subTest(set=name, value=value):
                    self.assert_ok(spec.parse(value), value)
            for alias, target in spec.aliases.items():
                with self.subTest(set=name, alias=alias):
                    self.assert_ok(spec.parse(alias), target)

    def test_loose_sets_accept_case_and_punctuation_variants(self) -> None:
        self.assert_ok(identifiers.parse_focal_plane_pattern('5-on-a-die'), '5_ON_A_DIE')
        self.assert_ok(identifiers.parse_focal_plane_pattern(' ultra minimal '), 'ULTRA_MINIMAL')
        self.assert_ok(identifiers.parse_focal_plane_pattern('five_on_a_die'), '5_ON_A_DIE')
        self.assert_ok(identifiers.parse_time_mode('alternating-in-twos'), 'ALTERNATING_BY_TWOS')
        self.assert_ok(identifiers.parse_pipeline('aos_tarts'), 'AOS_TARTS_UNPAIRED')
        self.assert_ok(identifiers.parse_aos_cwfs_pipeline('TARTS'), 'AOS_TARTS_UNPAIRED')
        self.assert_ok(identifiers.parse_location('BTS'), 'base')
        self.assert_ok(identifiers.parse_rubin_tv_site('USDF'), 'usdf-k8s')

    def test_exact_sets_are_exact(self) -> None:
        self.assert_ok(identifiers.parse_camera('lsstcam'), 'lsstcam')
        self.assert_refused(identifiers.parse_camera('LSSTCam'), "unknown Camera 'LSSTCam'")
        self.assert_refused(identifiers.parse_camera(' lsstcam'), 'unknown Camera')
        self.assert_refused(identifiers.parse_controller('o'), "unknown Controller 'o'")

    def test_refusals_name_the_expected_tokens_and_never_raise(self) -> None:
        result = identifiers.parse_worker_mode('LAZY', '/mode')
        self.assertFalse(result.ok)
        self.assertEqual(result.issues[0].path, '/mode')
        self.assertEqual(result.issues[0].expected, 'one of: WAITING, CONSUMING, MURDEROUS')
        for value in (None, 5, [], {}, b'ALL'):
            with self.subTest(value=value):
                self.assert_refused(identifiers.parse_focal_plane_pattern(value), 'must be a string')

    def test_literal_types_list_the_canonical_tokens(self) -> None:
        self.assertEqual(identifiers.Camera.__args__, identifiers.CAMERA_VALUES)  # type: ignore[attr-defined]


class Controls(ContractTestCase):
    def test_legacy_spellings_parse_to_canonical_values(self) -> None:
        parse = registry.parse_control_value
        self.assert_ok(parse('CHIP_SELECTION', '5-on-a-die'), '5_ON_A_DIE')
        self.assert_ok(parse('AOS_PIPELINE', 'TARTS'), 'AOS_TARTS_UNPAIRED')
        self.assert_ok(parse('AOS_FAM_PIPELINE', 'danish'), 'AOS_FAM_DANISH')
        self.assert_ok(parse('VISIT_PROCESSING_MODE', 'ALTERNATING_IN_TWOS'), 'ALTERNATING_BY_TWOS')
        self.assert_ok(parse('WORKER_MODE', ' consuming '), 'CONSUMING')

    def test_every_rubintv_menu_item_parses(self) -> None:
        for name, spec in registry.CONTROLS.items():
            for item in spec.rubintv_menu.items if spec.rubintv_menu else ():
                with self.subTest(control=name, item=item):
                    self.assertTrue(registry.parse_control_value(name, item).ok)

    def test_resets_patterns_and_refusals(self) -> None:
        parse = registry.parse_control_value
        self.assert_ok(parse('RESET_SFM_SET_0', '1'), 'RESET')
        self.assert_ok(parse('RESET_HEAD_NODE', 'reset'), 'RESET')
        self.assert_refused(parse('RESET_SFM_SET_0', 'false'), 'does not ask for a reset')
        self.assert_refused(parse('RESET_OTHER_QUEUES', '1'), 'not a worker set')
        self.assert_ok(parse('WITNESS_DETECTOR', '094'), '94')
        self.assert_ok(parse('WITNESS_DETECTOR', 'r22_s11'), 'R22_S11')
        self.assert_refused(parse('WITNESS_DETECTOR', 'R22'), 'is not a detector id')
        self.assert_ok(parse('GUARANTEED_EXPOSURE', '2025111500226'), '2025111500226')
        self.assert_refused(parse('CHIP_SELECTION', 'SOME'), "'SOME' is not a valid")
        self.assert_refused(parse('CHIP_SELECTION', 5), 'must be a string')
        self.assert_refused(parse('NO_SUCH_CONTROL', '1'), "unknown control 'NO_SUCH_CONTROL'")

    def test_keys_are_rubintvs(self) -> None:
        self.assertEqual(registry.control_key('AOS_PIPELINE'), 'RUBINTV_CONTROL_AOS_PIPELINE')
        self.assertEqual(registry.readback_key('CHIP_SELECTION'), 'RUBINTV_CONTROL_CHIP_SELECTION_READBACK')
        self.assertEqual(registry.CLUSTER_STATUS_STREAM_KEYS['SFM_SET_0'], 'stream:CLUSTER_STATUS_SFM_SET_0')
        self.assertEqual(registry.CLUSTER_STATUS_RESET_KEYS['AOS_SET_1'], 'RUBINTV_CONTROL_RESET_AOS_SET_1')
        self.assertEqual(registry.cluster_status_set_of('SFM_WORKER', 1), 'SFM_SET_1')
        self.assertEqual(registry.readback_value({'outcome': 'rejected', 'code': 'BETWEEN_PAIR'}), 'REJECTED_BETWEEN_PAIR!')


class Registry(ContractTestCase):
    def test_cameras_channels_and_locations(self) -> None:
        self.assertEqual(set(registry.CAMERAS), set(identifiers.CAMERA_VALUES))
        for channel in registry.CHANNELS:
            self.assertIn(channel.name, registry.CAMERAS[channel.camera].channels)
        movie = registry.find_channel('lsstcam', 'day_movie')
        self.assertIsNotNone(movie)
        self.assertEqual((movie.per_day, movie.media_type), (True, 'video'))  # type: ignore[union-attr]
        summit = registry.LOCATIONS['summit']
        self.assertEqual((summit.bucket, summit.profile), ('rubintv', 'summit-data-summit'))
        self.assertEqual(summit.endpoint.resolve({'S3_ENDPOINT_URL': 'http://s3:9000'}), 'http://s3:9000')
        self.assertEqual(registry.LOCATIONS['local'].endpoint.resolve({}), registry.LOCAL_S3_ENDPOINT)
        self.assert_refused(registry.parse_channel('auxtel', 'focal_plane_mosaic'), "has no channel 'focal_plane_mosaic'")

    def test_legacy_channels(self) -> None:
        self.assert_ok(registry.camera_for_metadata_channel('startracker_metadata'), 'startracker_narrow')
        legacy = registry.parse_legacy_channel('summit_imexam')
        self.assertTrue(legacy.ok)
        self.assertEqual((legacy.value.camera, legacy.value.name), ('auxtel', 'imexam'))  # type: ignore[union-attr]
        self.assert_refused(registry.parse_legacy_channel('auxtel_metadata'), 'is a metadata channel')


# ---- Redis keys ---------------------------------------------------------------------------------------------

#: A valid value of every parameter format.
SAMPLES = {
    'instrument': 'LSSTCam',
    'instrumentUpper': 'LSSTCam',
    'workerId': 'SFM_WORKER-LSSTCam-000-094',
    'processingId': '2025111500227+2025111500228',
    'id': 2025111500226,
    'who': 'SFM',
    'dayObs': 20251203,
    'control': 'AOS_PIPELINE',
    'set': 'SFM_SET_0',
}


class RedisKeyNames(ContractTestCase):
    def test_every_key_builds_and_parses_back(self) -> None:
        self.assertEqual(set(FORMATS), set(SAMPLES))
        for spec in REDIS_KEYS:
            params = {param: SAMPLES[fmt] for param, fmt in redis_key_parameters(spec.name)}
            with self.subTest(key=spec.name):
                key = redis_key(spec.name, **params)
                self.assert_ok(parse_redis_key(key), {'name': spec.name, 'params': params})
                prefixed = RedisKeys('test-1:')
                self.assert_ok(prefixed.parse(prefixed.key(spec.name, **params)), {'name': spec.name, 'params': params})

    def test_rubintv_compatible_names(self) -> None:
        self.assertEqual(redis_key('control', control='CHIP_SELECTION'), 'RUBINTV_CONTROL_CHIP_SELECTION')
        self.assertEqual(redis_key('clusterStatus', set='AOS_SET_2'), 'stream:CLUSTER_STATUS_AOS_SET_2')
        self.assertEqual(redis_key('wepProcessingResult', instrument='LSSTCam'), 'LSSTCAM_WEP_PROCESSING_RESULT')

    def test_bad_parameters_are_refused(self) -> None:
        self.assert_refused(try_redis_key('incoming', {'instrument': 'lsstcam'}), 'is not a valid instrument')
        self.assert_refused(try_redis_key('nope'), "no Redis key is named 'nope'")
        self.assert_refused(parse_redis_key('ra:LSSTCam:unknown'), 'matches no Redis key template')
        with self.assertRaises(TypeError):
            redis_key('workerHeartbeat', workerId='SFM_WORKER-LSSTCam-94')

    def test_worker_and_processing_ids(self) -> None:
        parts = {'flavour': 'SFM_WORKER', 'instrument': 'LSSTCam', 'depth': 0, 'detector': 94}
        self.assert_ok(worker_id(parts), 'SFM_WORKER-LSSTCam-000-094')
        self.assert_ok(parse_worker_id('SFM_WORKER-LSSTCam-000-094'), parts)
        self.assert_refused(worker_id({'flavour': 'HEAD_NODE', 'instrument': 'LSSTCam', 'depth': 1}), 'no depth')
        self.assert_refused(parse_worker_id('SFM_WORKER-LATISS-000-094'), 'detector must be an integer in 0..0')
        self.assert_ok(processing_id([2025111500228, 2025111500227, 2025111500228]), '2025111500227+2025111500228')

    def test_cluster_status_encoding(self) -> None:
        cells = {
            '10': {'type': 'worker_status', 'status': 'queued', 'queueLength': 3},
            '9': {'type': 'worker_status', 'status': 'free'},
            'MOSAIC_WORKER': {'type': 'text_status', 'text': '4'},
        }
        expected = (
            '{"9": {"status": "free", "type": "worker_status"}, "10": {"status": "3", "type": "worker_status"}, '
            '"MOSAIC_WORKER": {"status": "4", "type": "text_status"}}'
        )
        self.assertEqual(encode_cluster_status(cells), expected)


# ---- messages -----------------------------------------------------------------------------------------------


def broken(value: Any) -> Any:
    """A value of another JSON type than ``value``."""
    if isinstance(value, bool):
        return 'yes'
    if isinstance(value, str):
        return 12345
    if isinstance(value, (int, float)):
        return 'not-a-number'
    if value is None:
        return 12345
    return 'not-a-container'


class Messages(ContractTestCase):
    examples = validate.load_examples()

    def test_every_message_has_examples_and_a_schema(self) -> None:
        self.assertEqual(list(self.examples), list(validate.MESSAGE_NAMES))
        for name in validate.MESSAGE_NAMES:
            with self.subTest(message=name):
                self.assertGreater(len(self.examples[name]), 0)
                self.assertEqual(validate.load_schema(name)['title'], name)

    def test_the_schemas_use_only_supported_keywords(self) -> None:
        allowed = validate.SUPPORTED_KEYWORDS | validate.ANNOTATIONS

        def walk(node: Any, where: str) -> None:
            if isinstance(node, list):
                for item in node:
                    walk(item, where)
            elif isinstance(node, dict):
                for key, value in node.items():
                    self.assertIn(key, allowed, where)
                    if key in ('properties', 'patternProperties', '$defs'):
                        for sub in value.values():
                            walk(sub, where)
                    elif key not in ('enum', 'const', 'required', 'examples', 'default'):
                        walk(value, where)

        for name in validate.MESSAGE_NAMES:
            walk(validate.load_schema(name), name)

    def test_the_packaged_schemas_are_the_committed_ones(self) -> None:
        committed = CONTRACT / 'schemas'
        if not committed.is_dir():
            self.skipTest('not inside the repository')
        for spec in validate.MESSAGES.values():
            with self.subTest(schema=spec.schema_file):
                self.assertEqual(validate.load_schema(spec.name), json.loads((committed / spec.schema_file).read_text()))

    def test_golden_examples_are_valid(self) -> None:
        for name, examples in self.examples.items():
            for index, example in enumerate(examples):
                with self.subTest(message=name, example=index):
                    self.assert_ok(validate.validate(name, example), example)
                    self.assert_ok(validate.validate_received(name, example), example)
                    self.assertTrue(validate.parse_message(name, json.dumps(example)).ok)

    def test_a_broken_field_is_refused_and_named(self) -> None:
        for name, examples in self.examples.items():
            for index, example in enumerate(examples):
                if not isinstance(example, dict) or not example:
                    continue
                field = next(iter(example))
                bad = copy.deepcopy(example)
                bad[field] = broken(example[field])
                with self.subTest(message=name, example=index, field=field):
                    for check in (validate.validate, validate.validate_received):
                        result = check(name, bad)
                        self.assertFalse(result.ok, f'{name}: {field} = {bad[field]!r} was accepted')
                        paths = [i.path for i in result.issues]
                        self.assertTrue(all(p.startswith(f'/{field}') for p in paths), paths)

    def test_unknown_properties_strict_for_writers_tolerant_for_readers(self) -> None:
        for name, examples in self.examples.items():
            example = examples[0]
            if not isinstance(example, dict):
                continue
            extra = {**example, 'zz_not_in_the_schema': 'x'}
            strict = validate.validate(name, extra)
            if strict.ok:
                continue  # a map-shaped message (patternProperties) may take any key
            with self.subTest(message=name):
                self.assertIn("unexpected property 'zz_not_in_the_schema'", '\n'.join(strict.messages))
                self.assertTrue(validate.validate_received(name, extra).ok)

    def test_issues_name_the_field_and_what_was_expected(self) -> None:
        payload = next(e for e in self.examples['Payload'] if e.get('kind') == 'process')
        result = validate.validate('Payload', {**payload, 'pipeline': 'SFMM'})
        self.assertFalse(result.ok)
        hit = next(i for i in result.issues if i.path == '/pipeline')
        self.assertEqual(hit.message, 'is not one of the allowed values')
        self.assertIn('AOS_FAM_TIE', hit.expected or '')
        self.assertEqual(hit.received, 'SFMM')
        missing = {k: v for k, v in payload.items() if k != 'run'}
        self.assertIn('/run', [i.path for i in validate.validate('Payload', missing).issues])

    def test_bad_json_and_unknown_messages_are_issues(self) -> None:
        self.assert_refused(validate.parse_message('Payload', '{"kind": '), 'not valid JSON')
        self.assert_refused(validate.validate('NoSuchMessage', {}), "no message is named 'NoSuchMessage'")


class Package(ContractTestCase):
    def test_the_readme_examples_run(self) -> None:
        readme = CONTRACT / 'python' / 'README.md'
        if not readme.is_file():
            self.skipTest('no README next to the tests')
        failed, attempted = doctest.testfile(str(readme), module_relative=False, optionflags=doctest.ELLIPSIS)
        self.assertGreater(attempted, 20)
        self.assertEqual(failed, 0, 'an example in contract/python/README.md does not run as written')

    def test_version_and_exports(self) -> None:
        package = json.loads((CONTRACT / 'package.json').read_text()) if (CONTRACT / 'package.json').is_file() else None
        if package is not None:
            self.assertEqual(ra_contract.CONTRACT_VERSION, package['version'])
        for name in ra_contract.__all__:
            self.assertTrue(hasattr(ra_contract, name), name)


if __name__ == '__main__':
    unittest.main()
