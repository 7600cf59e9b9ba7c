from flask import Blueprint

bp = Blueprint("inbound_staff", __name__, url_prefix="/staff/<panel_key>/indbakke", template_folder="templates")
