from flask.cli import AppGroup

panel_cli = AppGroup("panel", help="Panels and panelists.")
demo_cli = AppGroup("demo", help="The demo panel.")
