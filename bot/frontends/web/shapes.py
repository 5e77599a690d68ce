"""Request and response shapes of the web API; they are also its OpenAPI documentation."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from bot.frontends.web.context import MAX_QUESTION

MODEL_ID = "report-qa"
CONVERSATION = Field(None, description="optional conversation id (1-64 letters, digits, -_.:): questions sent with "
                                       "the same id are one conversation, so follow-ups like 那行政许可呢？ resolve")


class AskRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"question": "2023年共立案多少宗？"},
                                                              {"question": "那罚款呢？", "conversation": "c-42"}]})
    question: StrictStr = Field(description=f"the question, 1 to {MAX_QUESTION} characters, Chinese or English")
    conversation: StrictStr | None = CONVERSATION


class NewConversationRequest(BaseModel):
    conversation: StrictStr = Field(description="the conversation id to forget")


class PassageOut(BaseModel):
    doc: str
    section: str
    text: str
    score: float


class AnswerOut(BaseModel):
    """Exactly the object of `python -m bot ask --json`."""

    question: str
    found: bool
    answer: str = Field(description="plain text: the sentence with the figure in **…**, then a line 出处：doc › section")
    sentence: str
    figure: str
    doc: str
    section: str
    passages: list[PassageOut]
    understood_as: str = Field(description="the standalone question a follow-up was read as; \"\" when read as typed")


class FeedbackRequest(BaseModel):
    value: StrictInt = Field(description="1 for 👍, -1 for 👎")


class QuizAnswerRequest(BaseModel):
    user: StrictStr
    id: StrictStr
    reply: StrictStr | StrictInt = Field(description="typed number or option text, or a 0-based option index")


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: StrictStr
    content: StrictStr | list[dict] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={
        "examples": [{"model": MODEL_ID, "messages": [{"role": "user", "content": "how many cases in 2023"}]}]})
    messages: list[ChatMessage] = Field(min_length=1)
    model: StrictStr | None = None
    stream: bool = False
    user: StrictStr | None = None
