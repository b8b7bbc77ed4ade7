"""Feeds what aigw-translate produces to the official OpenAI and Anthropic
Python SDKs, through their real clients (an httpx MockTransport answers with
the translated bytes), and checks that they accept it and read it as meant.

Usage: python check.py MANIFEST.json   (see README.md)
"""

import json
import sys

import anthropic
import httpx
import openai

try:  # anthropic 2.x runs on httpx2, openai on httpx
    import httpx2
except ImportError:  # older anthropic SDKs use httpx
    httpx2 = httpx
from anthropic.types import Message, RawMessageStreamEvent
from anthropic.types.message_create_params import MessageCreateParamsStreaming
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.chat.completion_create_params import CompletionCreateParamsStreaming
from pydantic import TypeAdapter

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def transport(status, body, content_type, seen=None, lib=httpx):
    """A client whose every request is answered with `body`."""
    def handler(request):
        if seen is not None:
            seen.append(json.loads(request.content))
        return lib.Response(status, content=body.encode(), headers={"content-type": content_type})

    return lib.Client(transport=lib.MockTransport(handler))


def openai_client(status, body, content_type="application/json", seen=None):
    return openai.OpenAI(
        api_key="k", base_url="http://gw/v1", max_retries=0,
        http_client=transport(status, body, content_type, seen),
    )


def anthropic_client(status, body, content_type="application/json", seen=None):
    return anthropic.Anthropic(
        api_key="k", base_url="http://gw", max_retries=0,
        http_client=transport(status, body, content_type, seen, httpx2),
    )


MSGS = [{"role": "user", "content": "hi"}]
SSE = "text/event-stream"


def openai_side(m):
    for c in m["openai_completions"]:
        name = c["name"]
        parsed = ChatCompletion.model_validate_json(c["body"])
        check(parsed.object == "chat.completion", f"{name}: object")
        got = openai_client(200, c["body"]).chat.completions.create(model="m", messages=MSGS)
        check(got == parsed, f"{name}: client parses the body like model_validate_json")
        check(got.usage is not None and got.usage.total_tokens
              == got.usage.prompt_tokens + got.usage.completion_tokens, f"{name}: usage totals")

    for s in m["openai_streams"]:
        name = f'{s["name"]} (include_usage={s["include_usage"]})'
        whole = ChatCompletion.model_validate_json(s["non_streamed"])
        # Raw chunks through the client's SSE decoder.
        stream = openai_client(200, s["sse"], SSE).chat.completions.create(
            model="m", messages=MSGS, stream=True,
            stream_options={"include_usage": s["include_usage"]})
        chunks = list(stream)
        check(all(isinstance(ch, ChatCompletionChunk) for ch in chunks), f"{name}: chunk types")
        for line in s["sse"].split("\n\n"):
            if line.startswith("data: {"):
                ChatCompletionChunk.model_validate_json(line[len("data: "):])
        usage_chunks = [ch for ch in chunks if ch.usage is not None]
        if s["include_usage"]:
            check(len(usage_chunks) == 1 and usage_chunks[0].choices == []
                  and chunks[-1] is usage_chunks[0], f"{name}: one final usage chunk")
            check(usage_chunks[0].usage == whole.usage, f"{name}: streamed usage == non-streamed")
        else:
            check(not usage_chunks, f"{name}: no usage without include_usage")
        # The SDK's own accumulator.
        with openai_client(200, s["sse"], SSE).chat.completions.stream(
                model="m", messages=MSGS,
                stream_options={"include_usage": s["include_usage"]}) as st:
            try:
                final = st.get_final_completion()
            except openai.LengthFinishReasonError as e:
                # The helper refuses to parse a cut answer, by design; the
                # completion it accumulated is on the exception.
                final = e.completion
        fm, wm = final.choices[0].message, whole.choices[0].message
        check((fm.content or None) == wm.content, f"{name}: content {fm.content!r} vs {wm.content!r}")
        ftc = [(t.id, t.function.name, t.function.arguments) for t in fm.tool_calls or []]
        wtc = [(t.id, t.function.name, t.function.arguments) for t in wm.tool_calls or []]
        check(ftc == wtc, f"{name}: tool calls {ftc} vs {wtc}")
        for t in fm.tool_calls or []:
            json.loads(t.function.arguments)
        check(final.choices[0].finish_reason == whole.choices[0].finish_reason, f"{name}: finish_reason")
        check(final.id == whole.id and final.model == whole.model, f"{name}: id and model")

    # An error in the middle of a stream: the SDK raises with the message.
    try:
        for _ in openai_client(200, m["openai_stream_error"], SSE).chat.completions.create(
                model="m", messages=MSGS, stream=True):
            pass
        check(False, "openai stream error: no exception")
    except openai.APIError as e:
        check(e.message == "Overloaded", f"openai stream error: message {e.message!r}")
        check(isinstance(e.body, dict) and e.body.get("type") == "overloaded_error",
              f"openai stream error: body {e.body!r}")

    expected = {400: openai.BadRequestError, 401: openai.AuthenticationError,
                429: openai.RateLimitError, 529: openai.InternalServerError,
                500: openai.InternalServerError, 502: openai.InternalServerError}
    for e in m["openai_errors"]:
        try:
            openai_client(e["status"], e["body"]).chat.completions.create(model="m", messages=MSGS)
            check(False, f'openai error {e["status"]}: no exception')
        except openai.APIStatusError as err:
            check(type(err) is expected[e["status"]], f'openai error {e["status"]}: {type(err).__name__}')
            body = json.loads(e["body"])["error"]
            check(err.body == body, f'openai error {e["status"]}: body {err.body!r}')
            check(isinstance(body["message"], str) and body["message"], f'openai error {e["status"]}: message')

    # The translated request is a valid set of create() parameters.
    for req in m["openai_requests"]:
        req = json.loads(req)
        TypeAdapter(CompletionCreateParamsStreaming).validate_python(req)
        seen = []
        stream = openai_client(200, "data: [DONE]\n\n", SSE, seen).chat.completions.create(**req)
        list(stream)
        check(seen == [req], "openai request: sent as translated")


def anthropic_side(m):
    for c in m["anthropic_messages"]:
        name = c["name"]
        parsed = Message.model_validate_json(c["body"])
        got = anthropic_client(200, c["body"]).messages.create(model="m", max_tokens=10, messages=MSGS)
        check(got == parsed, f"{name}: client parses the body like model_validate_json")
        for block in got.content:
            if block.type == "tool_use":
                check(isinstance(block.input, dict), f"{name}: tool input is an object")

    adapter = TypeAdapter(RawMessageStreamEvent)
    for s in m["anthropic_streams"]:
        name = s["name"]
        whole = Message.model_validate_json(s["non_streamed"])
        for block in s["sse"].split("\n\n"):
            if block:
                ev, data = block.split("\n", 1)
                parsed = adapter.validate_json(data[len("data: "):])
                check(ev == f"event: {parsed.type}", f"{name}: event name {ev} matches {parsed.type}")
        events = list(anthropic_client(200, s["sse"], SSE).messages.create(
            model="m", max_tokens=10, messages=MSGS, stream=True))
        check(events[0].type == "message_start" and events[-1].type == "message_stop",
              f"{name}: starts and stops")
        with anthropic_client(200, s["sse"], SSE).messages.stream(
                model="m", max_tokens=10, messages=MSGS) as st:
            final = st.get_final_message()
        # The stream helper builds ParsedTextBlocks (with a `parsed_output`
        # for structured output); compare what both have.
        dump = lambda blocks: [b.model_dump(exclude={"parsed_output"}) for b in blocks]
        check(dump(final.content) == dump(whole.content),
              f"{name}: content {final.content} vs {whole.content}")
        check(final.stop_reason == whole.stop_reason, f"{name}: stop_reason")
        check(final.usage.input_tokens == whole.usage.input_tokens
              and final.usage.output_tokens == whole.usage.output_tokens
              and final.usage.cache_read_input_tokens == whole.usage.cache_read_input_tokens,
              f"{name}: usage {final.usage} vs {whole.usage}")
        check(final.id == whole.id and final.model == whole.model, f"{name}: id and model")

    try:
        for _ in anthropic_client(200, m["anthropic_stream_error"], SSE).messages.create(
                model="m", max_tokens=10, messages=MSGS, stream=True):
            pass
        check(False, "anthropic stream error: no exception")
    except anthropic.APIStatusError as e:
        check(isinstance(e.body, dict) and e.body["error"]["type"] == "api_error"
              and "server had an error" in e.body["error"]["message"], f"anthropic stream error: {e.body!r}")

    expected = {400: anthropic.BadRequestError, 401: anthropic.AuthenticationError,
                429: anthropic.RateLimitError, 503: anthropic.InternalServerError,
                404: anthropic.NotFoundError, 500: anthropic.InternalServerError}
    for e in m["anthropic_errors"]:
        try:
            anthropic_client(e["status"], e["body"]).messages.create(model="m", max_tokens=10, messages=MSGS)
            check(False, f'anthropic error {e["status"]}: no exception')
        except anthropic.APIStatusError as err:
            check(isinstance(err, expected[e["status"]]), f'anthropic error {e["status"]}: {type(err).__name__}')
            check(err.body == json.loads(e["body"]), f'anthropic error {e["status"]}: body {err.body!r}')

    for req in m["anthropic_requests"]:
        req = json.loads(req)
        TypeAdapter(MessageCreateParamsStreaming).validate_python(req)
        # anthropic-sdk-python 1.0 removed the deprecated sampling parameters
        # from create(); the API still takes them on models that allow them,
        # and the SDK's documented way to send them is extra_body.
        sampling = {k: req.pop(k) for k in ("temperature", "top_p", "top_k") if k in req}
        seen = []
        stream = anthropic_client(200, "", SSE, seen).messages.create(**req, extra_body=sampling)
        list(stream)
        check(seen == [{**req, **sampling}], "anthropic request: sent as translated")


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    openai_side(manifest)
    anthropic_side(manifest)
    print(f"openai {openai.__version__}, anthropic {anthropic.__version__}: "
          f"{checks - len(failures)}/{checks} checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
