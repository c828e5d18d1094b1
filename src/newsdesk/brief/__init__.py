"""The story's extractive brief and its timeline: sentences copied verbatim, each citing its sources."""
from .select import BriefSettings, story_brief
from .timeline import story_timeline

__all__ = ["BriefSettings", "story_brief", "story_timeline"]
