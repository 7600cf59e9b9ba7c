"""``flask selection ...``: draw a stratified sample from the command line."""
from __future__ import annotations

import json

import click
from flask.cli import AppGroup
from sqlmodel import select

from engagement.db import session_scope
from engagement.panel.models import Panel
from engagement.selection import service
from engagement.selection.strata import SelectionError

selection_cli = AppGroup("selection", help="Representative samples and fair lotteries.")


@selection_cli.command("sample")
@click.option("--panel", "panel_key", required=True, help="The panel's key.")
@click.option("--size", type=int, required=True, help="How many panelists to draw.")
@click.option("--seed", type=int, default=None, help="The seed (the same seed gives the same sample).")
@click.option("--by", "by", default=",".join(service.DEFAULT_FEATURES), show_default=True,
              help="Features to stratify on, comma-separated: " + ", ".join(service.PROFILE_FEATURES))
@click.option("--mode", type=click.Choice(["auto", "cross", "margins"]), default="auto", show_default=True)
@click.option("--fill/--no-fill", default=False, help="Give the places a thin stratum lacks to the others.")
@click.option("--exclude", default="", help="Panelist ids to leave out (recently contacted), comma-separated.")
@click.option("--dry-run", is_flag=True, help="Do not store the draw.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def sample_command(panel_key, size, seed, by, mode, fill, exclude, dry_run, as_json):
    """Draw a stratified sample and print the chosen ids and, per stratum, target, available and chosen."""
    features = tuple(name.strip() for name in by.split(",") if name.strip())
    unknown = [name for name in features if name not in service.PROFILE_FEATURES]
    if unknown:
        raise click.UsageError(f"unknown feature(s): {', '.join(unknown)}")
    try:
        exclude_ids = frozenset(int(part) for part in exclude.split(",") if part.strip())
    except ValueError:
        raise click.UsageError("--exclude takes panelist ids separated by commas") from None
    with session_scope() as session:
        panel = session.exec(select(Panel).where(Panel.key == panel_key)).first()
        if panel is None:
            raise click.ClickException(f"no panel with key {panel_key!r}")
        request = service.SampleRequest(size=size, seed=seed, features=features, mode=mode, fill_shortfall=fill,
                                        exclude_ids=exclude_ids, save=not dry_run)
        try:
            result = service.draw_sample(session, panel, request)
        except SelectionError as error:
            raise click.ClickException(error.message) from None
        outcome = result.outcome
        data = {
            "panel": panel_key, "size": size, "seed": outcome.seed, "features": outcome.features,
            "mode": outcome.mode, "chosen_ids": outcome.chosen_ids, "chosen": len(outcome.chosen_ids),
            "strata": [{"stratum": dict(zip(outcome.features, row.key)), "target": row.target,
                        "exact": round(row.exact, 3), "available": row.available, "chosen": row.chosen,
                        "missing": row.missing} for row in outcome.strata],
            "margins": {feature: [{"value": row.key[0], "target": row.target, "available": row.available,
                                   "chosen": row.chosen, "missing": row.missing} for row in rows]
                        for feature, rows in outcome.margins.items()},
            "left_out": result.left_out, "unknown": outcome.unknown_note,
            "draw_id": result.draw.id if result.draw else None,
        }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"{data['chosen']} of {size} drawn (seed {outcome.seed}, {outcome.mode}); draw {data['draw_id']}")
    for row in data["strata"]:
        label = ", ".join(f"{k}={v}" for k, v in row["stratum"].items())
        flag = f"  MISSING {row['missing']}" if row["missing"] else ""
        click.echo(f"  {label}: target {row['target']}, available {row['available']}, chosen {row['chosen']}{flag}")
    click.echo("ids: " + " ".join(str(i) for i in outcome.chosen_ids))
