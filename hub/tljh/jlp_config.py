# The jlp course on The Littlest JupyterHub: a jupyterhub_config.d snippet.
# hub/tljh/setup.sh copies it to /opt/tljh/config/jupyterhub_config.d/jlp.py, where TLJH loads
# it after the settings made with tljh-config.
c = get_config()  # noqa: F821  (TLJH provides get_config)

# Where trainees drop their NET scorings and the instructors read them (jlp.net.class_folder).
c.Spawner.environment.update({"JLP_CLASS_FOLDER": "/srv/jlp-class"})

# Trainees open the course through nbgitpuller links (python -m jlp.hub); land in JupyterLab.
c.Spawner.default_url = "/lab"
