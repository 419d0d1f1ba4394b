import DMLXEngine
print("dmlx")
