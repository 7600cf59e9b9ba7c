"""Population targets: the municipality's shares per profile feature."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class PopulationTarget(SQLModel, table=True):
    __tablename__ = "population_target"
    __table_args__ = (UniqueConstraint("panel_id", "feature", "value", name="uq_target_panel_feature_value"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    feature: str = Field(max_length=32)   # gender | age | area | education | housing | ...
    value: str = Field(max_length=64)
    label: str = Field(default="", max_length=200)
    share: float
