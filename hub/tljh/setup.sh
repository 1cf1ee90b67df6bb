#!/usr/bin/env bash
# Set up a Littlest JupyterHub (TLJH) for the jlp course. Run as root on the hub's server,
# after TLJH's own installer, from a clone of the course (for example /srv/jlp):
#
#     sudo git clone <URL of your copy of the course> /srv/jlp
#     sudo JLP_INSTRUCTORS="maria jose" /srv/jlp/hub/tljh/setup.sh
#
# Settings (environment variables, all optional):
#   JLP_INSTRUCTORS  hub user names of the instructors (made hub admins; they read the class folder)
#   JLP_MEMORY       memory limit per trainee (default 1G); JLP_CPU cores per trainee (default 1)
#   JLP_IDLE         minutes without activity before a trainee's server is stopped (default 30)
#   JLP_CLASS        the class folder (default /srv/jlp-class)
# Running it again is safe: it sets the same values again.
set -euo pipefail

course="$(cd "$(dirname "$0")/../.." && pwd)"
class_folder="${JLP_CLASS:-/srv/jlp-class}"
memory="${JLP_MEMORY:-1G}"
cpu="${JLP_CPU:-1}"
idle_minutes="${JLP_IDLE:-30}"

if [ "$(id -u)" -ne 0 ]; then
    echo "error: run this as root (sudo), on the server where TLJH is installed" >&2
    exit 2
fi
if ! command -v tljh-config >/dev/null; then
    echo "error: tljh-config not found: install The Littlest JupyterHub first" >&2
    exit 2
fi

# 1. What the notebooks need, into the environment every trainee shares (/opt/tljh/user).
#    requirements.txt names the course itself as `.` (and its lock by a relative path): install from there.
(cd "$course" && /opt/tljh/user/bin/python -m pip install --no-cache-dir -r requirements.txt)

# 2. JupyterLab by default, a memory and CPU limit per trainee, and the idle culler
#    (jupyterhub-idle-culler, which TLJH runs as a hub service).
tljh-config set user_environment.default_app jupyterlab
tljh-config set limits.memory "$memory"
tljh-config set limits.cpu "$cpu"
tljh-config set services.cull.enabled True
tljh-config set services.cull.timeout $((idle_minutes * 60))
tljh-config set services.cull.every 300
for name in ${JLP_INSTRUCTORS:-}; do
    tljh-config add-item users.admin "$name"
done

# 3. The class folder. TLJH runs each trainee as their own system user (jupyter-NAME) with a
#    private home; hub admins are in the group jupyterhub-admins.
#    Mode 3773: instructors (the group) list and read it; trainees may create files in it
#    but not list it nor read, rename or delete anyone else's file (sticky bit); new files
#    belong to the instructors' group (setgid). jlp writes each scoring with mode 640.
install -d -o root -g jupyterhub-admins -m 3773 "$class_folder"

# 4. Tell every trainee's server where the class folder is (jlp reads JLP_CLASS_FOLDER).
install -d /opt/tljh/config/jupyterhub_config.d
sed "s#/srv/jlp-class#${class_folder}#" "$course/hub/tljh/jlp_config.py" \
    > /opt/tljh/config/jupyterhub_config.d/jlp.py

tljh-config reload hub
echo "jlp: hub configured; class folder ${class_folder}; ${memory} and ${cpu} CPU per trainee;" \
     "servers idle for ${idle_minutes} minutes are stopped."
