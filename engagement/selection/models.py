"""Population targets (the municipality's shares per profile feature) and selection draws."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from engagement.db import UTCDateTime, utcnow


class PopulationTarget(SQLModel, table=True):
    __tablename__ = "population_target"
    __table_args__ = (UniqueConstraint("panel_id", "feature", "value", name="uq_target_panel_feature_value"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    feature: str = Field(max_length=32)   # gender | age | area | education | housing | ...
    value: str = Field(max_length=64)
    label: str = Field(default="", max_length=200)
    share: float


class SelectionDraw(SQLModel, table=True):
    """One stratified sample or fair lottery, with everything needed to explain and repeat it."""

    __tablename__ = "selection_draw"

    id: Optional[int] = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True)
    kind: str = Field(max_length=16)                     # "sample" | "lottery"
    size: int                                            # places (sample) or seats (lottery)
    seed: int = Field(sa_type=BigInteger)
    features: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # sample: targets {feature: {value: share}}; lottery: quotas {feature: {value: [min, max]}}
    targets: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    pool_size: int = 0
    pool_hash: str = Field(max_length=64)
    algorithm: str = Field(max_length=64)
    algorithm_version: str = Field(max_length=16)
    chosen_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # lottery: {panelist id: probability}; sample: {stratum "a|b": probability}
    probabilities: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    report: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: Optional[int] = Field(default=None, foreign_key="staff_user.id")
