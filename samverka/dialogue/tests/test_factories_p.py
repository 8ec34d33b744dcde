from samverka.dialogue.models import Action

from .factories import CommentFactory, FeedbackItemFactory, PhaseFactory, ProcessFactory, ProposalFactory


def test_factories_make_an_open_process_that_takes_proposals(db):
    process = ProcessFactory()
    assert process.allows(Action.PROPOSE)
    assert not ProcessFactory(phases=[]).allows(Action.PROPOSE)
    assert PhaseFactory().process.phases.count() == 1
    assert ProposalFactory().process.allows(Action.COMMENT)
    assert CommentFactory().body
    assert FeedbackItemFactory().is_open
